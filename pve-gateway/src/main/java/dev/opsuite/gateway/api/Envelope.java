package dev.opsuite.gateway.api;

import jakarta.ws.rs.core.Response;

/**
 * The automation dialect's success envelope, which the auth endpoints speak:
 * {@code {"code":200,"message":"登录成功","data":…}}; the HTTP status equals {@code code}.
 */
public record Envelope<T>(int code, String message, T data) {

    public static <T> Envelope<T> ok(String message, T data) {
        return new Envelope<>(200, message, data);
    }

    public static <T> Response created(String message, T data) {
        return Response.status(201).entity(new Envelope<>(201, message, data)).build();
    }
}
