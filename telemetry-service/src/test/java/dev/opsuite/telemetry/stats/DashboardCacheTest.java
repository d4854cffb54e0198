package dev.opsuite.telemetry.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.opsuite.telemetry.TelemetryConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of the rollup queries: an answer is reused for its lifetime, then served once
 * more while a single background computation replaces it, and recomputed on the request path only
 * when it is older than two lifetimes.
 */
class DashboardCacheTest {
    // long enough that a background refresh is never still queued a lifetime later on a loaded CI machine
    // (it then races the request-path computation and the counts below are off by one)
    private static final Duration TTL = Duration.ofMillis(1000);

    /** Counts computations instead of querying; each answer carries its sequence number as total. */
    static class CountingDashboards extends DashboardService {
        final AtomicInteger computed = new AtomicInteger();

        CountingDashboards() {
            super(null, config());
        }

        @Override
        Dashboard compute(StatsFilter f) {
            int n = computed.incrementAndGet();
            return new Dashboard(
                    f.days(), null, null, n, 0, 0, 0, 0, 0, 0, null, List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
    }

    @Test
    void servesTheCachedAnswerThenRefreshesItInTheBackground() throws InterruptedException {
        CountingDashboards dashboards = new CountingDashboards();
        StatsFilter week = StatsFilter.of(7, 1, null, null);
        Dashboard first = dashboards.dashboard(week);
        assertEquals(1, first.total());
        assertSame(first, dashboards.dashboard(week), "within its lifetime the answer is reused");
        assertEquals(1, dashboards.computed.get());

        Thread.sleep(TTL.toMillis() + 50);
        assertSame(first, dashboards.dashboard(week), "just expired: served at once while it is refreshed");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (dashboards.dashboard(week).total() == 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, dashboards.dashboard(week).total(), "the background computation replaced it");
        assertEquals(2, dashboards.computed.get(), "exactly one refresh");

        Thread.sleep(2 * TTL.toMillis() + 50);
        Dashboard third = dashboards.dashboard(week);
        assertEquals(3, third.total(), "older than two lifetimes: computed on the request path");
        assertEquals(3, dashboards.computed.get(), "and not refreshed in the background as well");
    }

    private static TelemetryConfig config() {
        TelemetryConfig.Dashboard dashboard = (TelemetryConfig.Dashboard) Proxy.newProxyInstance(
                DashboardCacheTest.class.getClassLoader(),
                new Class<?>[] {TelemetryConfig.Dashboard.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "cacheShort", "cacheLong" -> TTL;
                    case "minInstalls" -> 10;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (TelemetryConfig) Proxy.newProxyInstance(
                DashboardCacheTest.class.getClassLoader(),
                new Class<?>[] {TelemetryConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("dashboard")) {
                        return dashboard;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
