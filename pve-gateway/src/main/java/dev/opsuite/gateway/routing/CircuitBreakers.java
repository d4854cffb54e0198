package dev.opsuite.gateway.routing;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One circuit per upstream origin, shared by every route that points at it. */
@Singleton
public class CircuitBreakers {

    private final RoutingConfig.Breaker config;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public CircuitBreakers(RoutingConfig config) {
        this.config = config.breaker();
    }

    public CircuitBreaker forRoute(UpstreamRoute route) {
        return breakers.computeIfAbsent(
                route.originKey(), k -> new CircuitBreaker(config.failureThreshold(), config.openDuration()));
    }
}
