package dev.opsuite.gateway.pve.facade;

import dev.opsuite.gateway.routing.EdgeHandler;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Mounts the facade on the gateway's HTTP port, before the edge router and the REST endpoints, in
 * the edge's early slot: the facade authenticates PVE tickets and tokens itself (the HTTPS
 * listener, {@link FacadeHttpsServer}, serves the same handler).
 */
@ApplicationScoped
public class FacadeRoutes {

    private final FacadeHandler handler;

    public FacadeRoutes(FacadeHandler handler) {
        this.handler = handler;
    }

    void register(@Observes Router router) {
        router.route().order(EdgeHandler.ORDER - 1).handler(rc -> {
            if (FacadeHandler.owns(rc.request().path())) {
                handler.handle(rc);
            } else {
                rc.next();
            }
        });
    }
}
