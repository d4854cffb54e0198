package dev.opsuite.gateway.routing;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the order in which one request may try a route's instances: round-robin (each request
 * starts at the next instance in turn, counted per route so each route spreads evenly) or
 * least-outstanding (the instance with the fewest requests in flight first, ties in turn). Requests
 * in flight are counted per instance across routes, since routes to one service share its capacity.
 */
@Singleton
public class OriginRotation {

    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final CircuitBreakers breakers;

    public OriginRotation(CircuitBreakers breakers) {
        this.breakers = breakers;
    }

    /** The origins of one request in the order they may be tried. */
    public OriginAttempts attemptsFor(UpstreamRoute route) {
        List<UpstreamOrigin> origins = route.origins();
        if (origins.size() == 1) {
            return new OriginAttempts(origins, breakers, this::inFlight);
        }
        long turn = turns.computeIfAbsent(route.name(), k -> new AtomicLong()).getAndIncrement();
        int start = (int) Math.floorMod(turn, (long) origins.size());
        List<UpstreamOrigin> order = new ArrayList<>(origins.size());
        for (int i = 0; i < origins.size(); i++) {
            order.add(origins.get((start + i) % origins.size()));
        }
        if (route.balance() == Balance.LEAST_OUTSTANDING) {
            // stable: among equally busy instances the round-robin order stands
            order.sort(Comparator.comparingInt(o -> inFlight(o).get()));
        }
        return new OriginAttempts(order, breakers, this::inFlight);
    }

    /** Requests this gateway has on {@code origin} right now. */
    public int outstanding(UpstreamOrigin origin) {
        return inFlight(origin).get();
    }

    private AtomicInteger inFlight(UpstreamOrigin origin) {
        return inFlight.computeIfAbsent(origin.key(), k -> new AtomicInteger());
    }
}
