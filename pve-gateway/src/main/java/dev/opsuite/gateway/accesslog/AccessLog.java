package dev.opsuite.gateway.accesslog;

import dev.opsuite.common.request.RequestIds;
import dev.opsuite.gateway.auth.Caller;
import dev.opsuite.gateway.routing.AccessLogKeys;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * One line per request, proxied or not: method, path (credential-like query values masked),
 * status, response bytes, duration, request id, user and route. Headers are never logged, so
 * neither are tokens.
 */
@ApplicationScoped
public class AccessLog {
    private static final Logger LOG = Logger.getLogger("dev.opsuite.gateway.access");
    /** The route name of the gateway's own endpoints (login, users, status, the facade). */
    static final String GATEWAY_ROUTE = "gateway";

    private final RouteMetrics metrics;

    public AccessLog(RouteMetrics metrics) {
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        long start = System.nanoTime();
        rc.addBodyEndHandler(v -> {
            long nanos = System.nanoTime() - start;
            String route = rc.get(AccessLogKeys.ROUTE);
            metrics.record(route == null ? GATEWAY_ROUTE : route, status(rc), nanos);
            if (LOG.isInfoEnabled()) {
                // the request-id filter stamps every response, including ones it never saw (early 4xx)
                String requestId = rc.response().headers().get(RequestIds.HEADER);
                LOG.info(line(rc, requestId == null ? "-" : requestId, nanos / 1_000_000));
            }
        });
        rc.next();
    }

    static String line(RoutingContext rc, String requestId, long millis) {
        HttpServerRequest request = rc.request();
        String query = QueryMasker.mask(request.query());
        String route = rc.get(AccessLogKeys.ROUTE);
        return request.method().name() + " " + request.path() + (query == null || query.isEmpty() ? "" : "?" + query)
                + " status=" + status(rc)
                + " bytes=" + rc.response().bytesWritten()
                + " duration_ms=" + millis
                + " request_id=" + requestId
                + " user=" + user(rc)
                + " route=" + (route == null ? GATEWAY_ROUTE : route);
    }

    /**
     * The status sent, or 499 (nginx' "client closed request") when the client's connection closed
     * before the response was complete: whatever status the proxy then sets was never delivered, and
     * a 502 there would blame an upstream that answered fine.
     */
    static int status(RoutingContext rc) {
        return rc.response().closed() ? 499 : rc.response().getStatusCode();
    }

    private static String user(RoutingContext rc) {
        Caller caller = rc.get(Caller.ATTRIBUTE);
        if (caller != null) {
            return caller.principalName();
        }
        if (rc.user() instanceof QuarkusHttpUser user
                && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity().getPrincipal().getName();
        }
        return "-";
    }
}
