package dev.opsuite.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import java.util.concurrent.TimeoutException;

/**
 * Opens the request to the route's upstream and enforces the route timeout until the upstream's
 * status line arrives: then the request is reset and the proxy answers 504. Once the response has
 * started, its body may stream for as long as it needs (SSE, NDJSON exports).
 */
final class TimedOrigin implements OriginRequestProvider {

    static final String TIMED_OUT = "opsuite.upstream-timed-out";

    private final Vertx vertx;
    private final UpstreamRoute route;

    TimedOrigin(Vertx vertx, UpstreamRoute route) {
        this.vertx = vertx;
        this.route = route;
    }

    RequestOptions options() {
        return new RequestOptions()
                .setHost(route.host())
                .setPort(route.port())
                .setSsl(route.ssl())
                .setConnectTimeout(route.timeout().toMillis());
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        Promise<HttpClientRequest> promise = Promise.promise();
        HttpClientRequest[] opened = new HttpClientRequest[1];
        // timer and callbacks run on the request's event loop, so they never race each other
        long timer = vertx.setTimer(route.timeout().toMillis(), id -> {
            context.set(TIMED_OUT, Boolean.TRUE);
            TimeoutException timeout =
                    new TimeoutException("upstream " + route.name() + " did not answer within " + route.timeout());
            if (opened[0] != null) {
                opened[0].reset(0, timeout);
            } else {
                promise.tryFail(timeout);
            }
        });
        context.client().request(options()).onComplete(ar -> {
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
}
