package dev.opsuite.common.error;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Guarded calls that gave up: a dependency is slow or down, which is 503/504, not a bug (500). */
public class FaultToleranceExceptionMapper {
    private final ErrorResponder responder;

    public FaultToleranceExceptionMapper(ErrorResponder responder) {
        this.responder = responder;
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e, HttpServerRequest request) {
        return responder.toResponse(ApiError.of(504, ErrorCodes.TIMEOUT, null), request);
    }

    @ServerExceptionMapper({CircuitBreakerOpenException.class, BulkheadException.class})
    public Response unavailable(RuntimeException e, HttpServerRequest request) {
        return responder.toResponse(
                ApiError.of(503, ErrorCodes.SERVICE_UNAVAILABLE, null).withHeader("Retry-After", "1"), request);
    }
}
