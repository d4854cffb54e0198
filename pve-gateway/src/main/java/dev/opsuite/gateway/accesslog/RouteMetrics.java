package dev.opsuite.gateway.accesslog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request counts and durations per route and status class ({@code opsuite_gateway_requests_seconds
 * {route, status}}), the gateway's own endpoints under route {@code gateway}. One timer per pair,
 * resolved once: recording a request is an array read and a timer update, instead of the
 * per-request metric object and path template of Quarkus' HTTP server metrics (off on the gateway).
 */
@ApplicationScoped
public class RouteMetrics {
    static final String NAME = "opsuite.gateway.requests";
    /** 1xx..5xx, and 499 (the client closed the connection first) on its own. */
    private static final String[] CLASSES = {"499", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer[]> timers = new ConcurrentHashMap<>();

    public RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String route, int status, long nanos) {
        int index = status == 499 ? 0 : Math.max(1, Math.min(5, status / 100));
        Timer[] byClass = timers.computeIfAbsent(route, r -> new Timer[CLASSES.length]);
        Timer timer = byClass[index];
        if (timer == null) {
            // a benign race: two threads may build it at once, the registry hands both the same timer
            timer = Timer.builder(NAME)
                    .description("Requests through the gateway, per route and status class")
                    .tag("route", route)
                    .tag("status", CLASSES[index])
                    .register(registry);
            byClass[index] = timer;
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
