package dev.opsuite.gateway.routing;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One circuit per upstream origin (instance), shared by every route that points at it. */
@Singleton
public class CircuitBreakers {

    private final RoutingConfig.Breaker config;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public CircuitBreakers(RoutingConfig config) {
        this.config = config.breaker();
    }

    /** The circuit of the route's first origin (the only one of a single-instance upstream). */
    public CircuitBreaker forRoute(UpstreamRoute route) {
        return forOrigin(route.origins().get(0));
    }

    public CircuitBreaker forOrigin(UpstreamOrigin origin) {
        return breakers.computeIfAbsent(
                origin.key(), k -> new CircuitBreaker(config.failureThreshold(), config.openDuration()));
    }
}
