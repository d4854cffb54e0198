package dev.opsuite.common.error;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Authentication and authorization failures inside the REST layer (role checks, lazy auth). Failures
 * of proactive authentication never reach JAX-RS: {@link RouteFailureHandler} renders those.
 */
public class SecurityExceptionMapper {
    private final ErrorResponder responder;

    public SecurityExceptionMapper(ErrorResponder responder) {
        this.responder = responder;
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return responder.toResponse(SecurityErrors.unauthorized(), request);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, AuthenticationCompletionException.class})
    public Response authenticationFailed(RuntimeException e, HttpServerRequest request) {
        return responder.toResponse(SecurityErrors.authenticationFailed(), request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return responder.toResponse(SecurityErrors.forbidden(), request);
    }
}
