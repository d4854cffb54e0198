package dev.opsuite.common.error;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Renders {@link ApiException}. All shared mappers use the default user priority (5000), which beats
 * Quarkus' built-in mappers (5001); a service overrides one with a priority below 5000.
 */
public class ApiExceptionMapper {
    private final ErrorResponder responder;

    public ApiExceptionMapper(ErrorResponder responder) {
        this.responder = responder;
    }

    @ServerExceptionMapper
    public Response map(ApiException e, HttpServerRequest request) {
        return responder.toResponse(e.toError(null), request);
    }
}
