package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * The automation dialect's success envelope {@code {"code":200,"message":"获取成功","data":…}}; the
 * HTTP status equals {@code code} (201 for creations). {@code data} is left out when there is none,
 * as in the seed's update/delete answers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope<T>(int code, String message, T data) {

    public static <T> Envelope<T> ok(String message, T data) {
        return new Envelope<>(200, message, data);
    }

    public static <T> Envelope<T> ok(T data) {
        return new Envelope<>(200, "获取成功", data);
    }

    public static Envelope<Void> done(String message) {
        return new Envelope<>(200, message, null);
    }

    public static <T> Response created(T data) {
        return Response.status(201).entity(new Envelope<>(201, "创建成功", data)).build();
    }
}
