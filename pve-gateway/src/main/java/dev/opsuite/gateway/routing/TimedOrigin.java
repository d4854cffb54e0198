package dev.opsuite.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Opens the request to one of the route's upstream instances and enforces the route timeout until
 * the upstream's status line arrives: then the request is reset and the proxy answers 504. Once the
 * response has started, its body may stream for as long as it needs (SSE, NDJSON exports).
 *
 * <p>A connection that cannot be opened (refused, connect timeout) is charged to that instance's
 * circuit and the request moves on to the next instance: nothing of it was sent yet, so this is
 * safe for every method. Once a request is on a connection it is never sent a second time.
 */
final class TimedOrigin implements OriginRequestProvider {
    private static final Logger LOG = Logger.getLogger(TimedOrigin.class);

    static final String TIMED_OUT = "opsuite.upstream-timed-out";

    private final Vertx vertx;
    private final UpstreamRoute route;
    private final OriginAttempts attempts;

    /** @param attempts already advanced to the first origin to try */
    TimedOrigin(Vertx vertx, UpstreamRoute route, OriginAttempts attempts) {
        this.vertx = vertx;
        this.route = route;
        this.attempts = attempts;
    }

    RequestOptions options(UpstreamOrigin origin) {
        return new RequestOptions()
                .setHost(origin.host())
                .setPort(origin.port())
                .setSsl(origin.ssl())
                .setConnectTimeout(route.timeout().toMillis());
    }

    /** The origin the request is on, and its circuit. */
    OriginAttempts attempts() {
        return attempts;
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        Promise<HttpClientRequest> promise = Promise.promise();
        HttpClientRequest[] opened = new HttpClientRequest[1];
        boolean[] timedOut = new boolean[1];
        // timer and callbacks run on the request's event loop, so they never race each other
        long timer = vertx.setTimer(route.timeout().toMillis(), id -> {
            timedOut[0] = true;
            context.set(TIMED_OUT, Boolean.TRUE);
            TimeoutException timeout =
                    new TimeoutException("upstream " + route.name() + " did not answer within " + route.timeout());
            if (opened[0] != null) {
                opened[0].reset(0, timeout);
            } else {
                promise.tryFail(timeout);
            }
        });
        connect(context.client(), () -> !timedOut[0]).onComplete(ar -> {
            if (ar.failed()) {
                vertx.cancelTimer(timer);
                promise.tryFail(ar.cause());
                return;
            }
            HttpClientRequest request = ar.result();
            if (!promise.tryComplete(AbortSafeRequest.wrap(vertx, request))) {
                request.reset();
                return;
            }
            opened[0] = request;
            request.response().onComplete(r -> vertx.cancelTimer(timer));
        });
        return promise.future();
    }

    /**
     * Opens a request on the current origin, failing over to the next admitted origin while
     * connections cannot be opened and {@code mayRetry} holds. The last failure is left for the
     * caller to charge to {@link OriginAttempts#breaker()}.
     */
    Future<HttpClientRequest> connect(HttpClient client, BooleanSupplier mayRetry) {
        Promise<HttpClientRequest> result = Promise.promise();
        tryCurrent(client, mayRetry, result);
        return result.future();
    }

    private void tryCurrent(HttpClient client, BooleanSupplier mayRetry, Promise<HttpClientRequest> result) {
        UpstreamOrigin origin = attempts.current();
        client.request(options(origin)).onComplete(ar -> {
            if (ar.succeeded()) {
                result.tryComplete(ar.result());
                return;
            }
            CircuitBreaker failed = attempts.breaker();
            if (mayRetry.getAsBoolean() && attempts.advance()) {
                failed.onFailure();
                LOG.warnf(
                        "upstream %s (%s) refused a connection (%s); trying %s",
                        route.name(),
                        origin.key(),
                        ar.cause().toString(),
                        attempts.current().key());
                tryCurrent(client, mayRetry, result);
            } else {
                result.tryFail(ar.cause());
            }
        });
    }
}
