package dev.opsuite.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration contract operators and the devstack launcher rely on, read as Quarkus reads it. */
class RoutingConfigTest {

    private static RoutingConfig load(Map<String, String> env) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(
                        new PropertiesConfigSource(RoutingConfigTest.class.getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(RoutingConfig.class)
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(RoutingConfig.class);
    }

    @Test
    void defaultsRouteEveryServiceToItsDevPort() throws IOException {
        RouteTable table = RouteTable.from(load(Map.of()).routes());
        assertEquals(
                "http://localhost:8081",
                table.match("/telemetry").orElseThrow().origin().toString());
        assertEquals(
                "telemetry-ingest",
                table.match("/upload/updatestatus").orElseThrow().name());
        assertEquals("telemetry", table.match("/dashboard/apps").orElseThrow().name());
        assertEquals(
                "http://localhost:8082",
                table.match("/api/deployments/42/logs").orElseThrow().origin().toString());
        assertEquals(
                "http://localhost:8083",
                table.match("/api/v6/sync").orElseThrow().origin().toString());
        assertEquals(
                "http://localhost:8084",
                table.match("/api/v1/features").orElseThrow().origin().toString());
        assertEquals(
                Duration.ofSeconds(10), table.match("/install").orElseThrow().timeout());
        // each route's body limit, at most what its service accepts
        assertEquals(1 << 20, table.match("/api/deployments").orElseThrow().maxBodyBytes());
        assertEquals(
                64L << 20, table.match("/api/v6/sync/chunk/x").orElseThrow().maxBodyBytes());
    }

    @Test
    void oneEnvVarMovesEveryRouteOfAService() throws IOException {
        RouteTable table =
                RouteTable.from(load(Map.of("OPSUITE_GATEWAY_UPSTREAM_TELEMETRY", "http://telemetry.svc:9000"))
                        .routes());
        assertEquals(
                "http://telemetry.svc:9000",
                table.match("/telemetry").orElseThrow().origin().toString());
        assertEquals(
                "http://telemetry.svc:9000",
                table.match("/api/v1/telemetry/records").orElseThrow().origin().toString());
    }

    @Test
    void aRouteCanBeAddedThroughEnvVarsAlone() throws IOException {
        RouteTable table = RouteTable.from(load(Map.of(
                        "OPSUITE_GATEWAY_ROUTES_EXTRA_URL", "http://127.0.0.1:7777",
                        "OPSUITE_GATEWAY_ROUTES_EXTRA_PREFIXES", "/extra,/api/v1/extra",
                        "OPSUITE_GATEWAY_ROUTES_EXTRA_TIMEOUT", "5s"))
                .routes());
        UpstreamRoute extra = table.match("/api/v1/extra/things").orElseThrow();
        assertEquals("extra", extra.name());
        assertEquals(List.of("/extra", "/api/v1/extra"), extra.prefixes());
        assertEquals(Duration.ofSeconds(5), extra.timeout());
    }
}
