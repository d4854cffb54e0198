package dev.opsuite.gateway.routing;

import dev.opsuite.common.error.ApiError;
import dev.opsuite.common.error.ErrorCodes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;

/**
 * One proxied exchange: shapes the upstream request headers, turns connect failures and timeouts
 * into 502/504 problems (feeding the circuit breaker), and strips hop-by-hop response headers.
 * Bodies are never touched, so they stream in both directions.
 */
final class UpstreamInterceptor implements ProxyInterceptor {
    private static final Logger LOG = Logger.getLogger(UpstreamInterceptor.class);
    private static final CharSequence DATE = HttpHeaders.createOptimized("date");

    private final UpstreamRoute route;
    private final Forwarding forwarding;
    private final OriginAttempts attempts;
    private final EdgeErrors errors;

    /** @param attempts the instance the request ends up on (after any failover) and its circuit */
    UpstreamInterceptor(UpstreamRoute route, Forwarding forwarding, OriginAttempts attempts, EdgeErrors errors) {
        this.route = route;
        this.forwarding = forwarding;
        this.attempts = attempts;
        this.errors = errors;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        UpstreamHeaders.apply(context.request().headers(), forwarding, false);
        Body body = context.request().getBody();
        BodyLimit limited =
                body == null || body.length() == 0 ? null : new BodyLimit(body.stream(), route.maxBodyBytes());
        if (limited != null) {
            context.request().setBody(Body.body(limited, body.length()));
        }
        return context.sendRequest().transform(ar -> {
            CircuitBreaker breaker = attempts.breaker();
            if (ar.succeeded()) {
                breaker.onSuccess();
                return Future.succeededFuture(ar.result());
            }
            // what the client caused is never held against the upstream's circuit
            RuntimeException clientSide = limited == null ? null : limited.failure();
            if (clientSide instanceof BodyLimit.TooLarge) {
                ApiError tooLarge = ApiError.of(
                                413,
                                ErrorCodes.PAYLOAD_TOO_LARGE,
                                "The request body is larger than " + route.maxBodyBytes() + " bytes")
                        .withHeader("Connection", "close");
                return Future.succeededFuture(errors.asProxyResponse(context, tooLarge, forwarding.requestId()));
            }
            if (clientSide != null
                    || context.request().proxiedRequest().response().closed()) {
                // the client went away or broke its own request: nothing to answer, no fault of the upstream
                return Future.failedFuture(ar.cause());
            }
            breaker.onFailure();
            boolean timedOut = Boolean.TRUE.equals(context.get(TimedOrigin.TIMED_OUT, Boolean.class));
            LOG.warnf(
                    "upstream %s (%s) %s: %s",
                    route.name(),
                    attempts.current().key(),
                    timedOut ? "timed out" : "failed",
                    ar.cause().toString());
            ApiError error = timedOut
                    ? ApiError.of(
                            504,
                            ErrorCodes.TIMEOUT,
                            "Upstream service '" + route.name() + "' did not answer within "
                                    + route.timeout().toMillis() + " ms")
                    : ApiError.of(
                            502, ErrorCodes.UPSTREAM_ERROR, "Upstream service '" + route.name() + "' is unreachable");
            return Future.succeededFuture(errors.asProxyResponse(context, error, forwarding.requestId()));
        });
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        HopByHop.strip(context.response().headers(), false);
        // the edge dates its responses itself, as nginx does by default: the proxy would otherwise
        // parse the upstream's Date and print it again, a sizeable share of a small exchange's cost
        context.response().headers().remove(DATE);
        return context.sendResponse();
    }
}
