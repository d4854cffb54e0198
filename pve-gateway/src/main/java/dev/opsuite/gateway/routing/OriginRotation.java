package dev.opsuite.gateway.routing;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Round-robin over a route's origins: each request starts at the next origin in turn and may fall
 * back to the others in order. Counted per route, so a service's routes each spread evenly.
 */
@Singleton
public class OriginRotation {

    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
    private final CircuitBreakers breakers;

    public OriginRotation(CircuitBreakers breakers) {
        this.breakers = breakers;
    }

    /** The origins of one request in the order they may be tried. */
    public OriginAttempts attemptsFor(UpstreamRoute route) {
        List<UpstreamOrigin> origins = route.origins();
        if (origins.size() == 1) {
            return new OriginAttempts(origins, breakers);
        }
        long turn = turns.computeIfAbsent(route.name(), k -> new AtomicLong()).getAndIncrement();
        int start = (int) Math.floorMod(turn, (long) origins.size());
        List<UpstreamOrigin> order = new ArrayList<>(origins.size());
        for (int i = 0; i < origins.size(); i++) {
            order.add(origins.get((start + i) % origins.size()));
        }
        return new OriginAttempts(order, breakers);
    }
}
