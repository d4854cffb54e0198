package dev.opsuite.common.security;

import dev.opsuite.common.net.Cidr;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Guards the operational documents ({@code /q/metrics}, {@code /q/openapi}): an admin token, or a
 * peer inside {@code opsuite.management.allowed-cidrs} (a scraper's network). Metrics and the API
 * document tell an attacker what runs and where it hurts; they are not for anonymous clients of the
 * public edge. Refusals go through the failure handler, so they are 401/403 in the path's dialect
 * (an HTTP permission policy would answer an anonymous client with a bare challenge). Health stays open.
 */
@ApplicationScoped
public class ManagementAccess {
    /** After authentication has set up the (deferred) identity, before the endpoints. */
    static final int ORDER = -1;

    private final List<Cidr> allowed;

    public ManagementAccess(ManagementConfig config) {
        this.allowed = config.allowedCidrs().orElse(List.of()).stream()
                .filter(c -> !c.isBlank())
                .map(Cidr::parse)
                .toList();
    }

    void register(@Observes Router router) {
        router.routeWithRegex("/q/(metrics|openapi)(/.*)?").order(ORDER).handler(this::check);
    }

    void check(RoutingContext rc) {
        SocketAddress peer = rc.request().remoteAddress();
        if (peer != null
                && peer.hostAddress() != null
                && allowed.stream().anyMatch(c -> c.contains(peer.hostAddress()))) {
            rc.next();
            return;
        }
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(rc, null);
        if (identity == null) {
            rc.fail(new UnauthorizedException());
            return;
        }
        Context context = Vertx.currentContext();
        identity.subscribe()
                .with(
                        id -> onContext(context, () -> decide(rc, id)),
                        failure -> onContext(context, () -> rc.fail(failure)));
    }

    private static void decide(RoutingContext rc, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            rc.fail(new UnauthorizedException());
        } else if (identity.hasRole(Roles.ADMIN)) {
            rc.next();
        } else {
            rc.fail(new ForbiddenException());
        }
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
