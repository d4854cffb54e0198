package dev.opsuite.common.error;

import dev.opsuite.common.request.RequestIds;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Errors that happen outside JAX-RS: proactive authentication failures (bad/expired JWT), body
 * limits (413), paths no route matches, and failures of plain Vert.x routes. They are rendered in
 * the same dialect as JAX-RS errors so a client never sees Vert.x' default pages.
 */
@ApplicationScoped
public class RouteFailureHandler {
    private static final Logger LOG = Logger.getLogger(RouteFailureHandler.class);

    private final ErrorResponder responder;

    public RouteFailureHandler(ErrorResponder responder) {
        this.responder = responder;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handleFailure);
        router.errorHandler(404, this::handleNotFound);
    }

    void handleFailure(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        if (response.headWritten() || response.ended()) {
            rc.next();
            return;
        }
        Throwable failure = rc.failure();
        ApiError error;
        if (failure instanceof ApiException api) {
            error = api.toError(null);
        } else if (failure instanceof UnauthorizedException) {
            error = SecurityErrors.unauthorized();
        } else if (failure instanceof AuthenticationFailedException) {
            error = SecurityErrors.authenticationFailed();
        } else if (failure instanceof ForbiddenException) {
            error = SecurityErrors.forbidden();
        } else if (failure instanceof TooLongHttpContentException || rc.statusCode() == 413) {
            error = ApiError.of(413, ErrorCodes.PAYLOAD_TOO_LARGE, null);
        } else if (rc.statusCode() >= 400 && rc.statusCode() < 500) {
            // a client error the router itself found (e.g. a missing or malformed Host header)
            error = ApiError.of(rc.statusCode(), null, clientMessage(failure));
        } else {
            error = ApiError.of(500, ErrorCodes.INTERNAL_ERROR, "Internal server error");
            LOG.errorf(failure, "unhandled failure on %s %s", rc.request().method(), rc.normalizedPath());
        }
        send(rc, error);
    }

    void handleNotFound(RoutingContext rc) {
        if (rc.response().headWritten() || rc.response().ended()) {
            return;
        }
        send(rc, ApiError.of(404, ErrorCodes.NOT_FOUND, null));
    }

    /**
     * A failure before any route ran (the router refused the request) has no request id yet: it gets
     * one here, so every error answer carries an {@code X-Request-Id}.
     */
    private void send(RoutingContext rc, ApiError error) {
        ApiError stamped = RequestIds.current().isPresent() ? error : error.withRequestId(RequestIds.generate());
        responder.render(stamped, rc.normalizedPath()).writeTo(rc.response());
    }

    private static String clientMessage(Throwable failure) {
        if (failure != null
                && failure.getMessage() != null
                && failure.getMessage().contains("'Host' header")) {
            return "A valid Host header is required";
        }
        return null;
    }
}
