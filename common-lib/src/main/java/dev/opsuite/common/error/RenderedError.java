package dev.opsuite.common.error;

import dev.opsuite.common.request.RequestIds;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error in wire form, independent of the HTTP layer that sends it (JAX-RS mappers or Vert.x
 * failure handlers).
 *
 * @param reason      reason phrase for the status line, null for the standard one
 * @param contentType null when the body is empty
 */
public record RenderedError(int status, String reason, String contentType, String body, Map<String, String> headers) {

    public RenderedError {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = reason == null ? Response.status(status) : Response.status(status, reason);
        headers.forEach(builder::header);
        if (!body.isEmpty()) {
            builder.entity(body).type(contentType);
        }
        return builder.build();
    }

    /** Sends this error on a Vert.x response (for handlers outside JAX-RS) and ends it. */
    public void writeTo(HttpServerResponse response) {
        response.setStatusCode(status);
        if (reason != null) {
            response.setStatusMessage(reason);
        }
        headers.forEach(response::putHeader);
        if (body.isEmpty()) {
            response.end();
        } else {
            response.putHeader("Content-Type", contentType).end(body);
        }
    }

    static Map<String, String> headersOf(ApiError error) {
        Map<String, String> h = new LinkedHashMap<>(error.headers());
        if (error.requestId() != null) {
            h.put(RequestIds.HEADER, error.requestId());
        }
        return h;
    }
}
