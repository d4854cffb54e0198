package dev.opsuite.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** One circuit per upstream origin, shared by every route that points at it. */
@ApplicationScoped
public class CircuitBreakers {

    private final RoutingConfig.Breaker config;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public CircuitBreakers(RoutingConfig config) {
        this.config = config.breaker();
    }

    public CircuitBreaker forRoute(UpstreamRoute route) {
        return breakers.computeIfAbsent(route.originKey(),
                k -> new CircuitBreaker(config.failureThreshold(), config.openDuration()));
    }
}
