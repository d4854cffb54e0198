package dev.opsuite.common.request;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Assigns every HTTP request an id before anything else runs (auth, REST, proxies): keeps a sane
 * incoming {@code X-Request-Id}, else generates one; binds it to the MDC and the request context;
 * echoes it on every response, error or not.
 */
@ApplicationScoped
public class RequestIdFilter {
    /** Runs before authentication and CORS so even their failures carry the id. */
    static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        String id = RequestIds.acceptOrGenerate(rc.request().getHeader(RequestIds.HEADER));
        rc.put(RequestIds.LOCAL_KEY, id);
        RequestIds.bind(id);
        // set just before the headers go out, so a handler that replaces headers cannot drop it
        // and a JAX-RS response that also names it does not duplicate it
        rc.addHeadersEndHandler(v -> rc.response().headers().set(RequestIds.HEADER, id));
        rc.next();
    }
}
