package dev.opsuite.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static UpstreamRoute route(String name, String... prefixes) {
        return new UpstreamRoute(
                name,
                URI.create("http://localhost:1"),
                List.of(prefixes).stream().map(RouteTable::normalize).toList(),
                Duration.ofSeconds(1),
                0,
                1,
                1 << 20);
    }

    private final RouteTable table = new RouteTable(List.of(
            route("telemetry", "/telemetry", "/upload/**", "/api/v1/telemetry"),
            route("automation", "/api/v1/automation", "/api/v1/features"),
            route("deep", "/api/v1/automation/special")));

    @Test
    void matchesWholeSegmentsOnly() {
        assertEquals("telemetry", table.match("/upload").orElseThrow().name());
        assertEquals(
                "telemetry", table.match("/upload/updatestatus").orElseThrow().name());
        assertTrue(table.match("/uploads").isEmpty());
        assertTrue(table.match("/telemetryx").isEmpty());
        assertTrue(table.match("/api/v1/auth/login").isEmpty());
    }

    @Test
    void longestPrefixWins() {
        assertEquals(
                "deep",
                table.match("/api/v1/automation/special/x").orElseThrow().name());
        assertEquals(
                "automation",
                table.match("/api/v1/automation/ssh/execute").orElseThrow().name());
    }

    @Test
    void rejectsRoutesThatCannotWork() {
        RoutingConfig.RateLimit limit = new RoutingConfig.RateLimit() {
            public double perSecond() {
                return 0;
            }

            public int burst() {
                return 1;
            }
        };
        RoutingConfig.Route noScheme = new RoutingConfig.Route() {
            public String url() {
                return "localhost:8081";
            }

            public Balance balance() {
                return Balance.ROUND_ROBIN;
            }

            public List<String> prefixes() {
                return List.of("/x");
            }

            public Duration timeout() {
                return Duration.ofSeconds(1);
            }

            public RoutingConfig.RateLimit rateLimit() {
                return limit;
            }

            public MemorySize maxBodySize() {
                return new MemorySize(BigInteger.valueOf(1 << 20));
            }
        };
        assertThrows(IllegalArgumentException.class, () -> RouteTable.toRoute("bad", noScheme));
    }

    @Test
    void upstreamOriginDefaultsThePortFromTheScheme() {
        UpstreamRoute https = new UpstreamRoute(
                "s", URI.create("https://svc.example"), List.of("/s"), Duration.ofSeconds(1), 0, 1, 1 << 20);
        assertEquals("https://svc.example:443", https.originKey());
        assertTrue(https.ssl());
    }
}
