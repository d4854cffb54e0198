package dev.opsuite.devstack.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every opsuite service must do once booted, checked against the real devstack: readiness (within
 * 30 s of start) that includes its database and Kafka, liveness, Prometheus metrics, the OpenAPI document, its schema
 * migrated by Flyway under its own role, and request ids on errors. A service's test extends this
 * class and adds {@code @QuarkusTest}.
 */
public abstract class ServiceBootContract {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The service's schema (and DB role). */
    protected abstract String schema();

    @Test
    void readinessIsUpAndCoversDatabaseAndKafka() throws Exception {
        // A service may take a moment after start to become ready (e.g. fetching Kafka metadata),
        // as an orchestrator would see it; it must get there within seconds.
        HttpResponse<String> ready = get("/q/health/ready");
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                ready.statusCode() != 200 && System.nanoTime() < deadline;
                ready = get("/q/health/ready")) {
            Thread.sleep(200);
        }
        assertEquals(200, ready.statusCode(), ready.body());
        String body = ready.body();
        assertTrue(body.contains("\"status\": \"UP\"") || body.contains("\"status\":\"UP\""), body);
        assertTrue(
                body.toLowerCase().contains("postgresql") || body.contains("Database connections"),
                () -> "no database check in readiness: " + body);
        assertTrue(body.toLowerCase().contains("kafka"), () -> "no Kafka check in readiness: " + body);
    }

    @Test
    void livenessIsUp() throws Exception {
        HttpResponse<String> live = get("/q/health/live");
        assertEquals(200, live.statusCode(), live.body());
    }

    @Test
    void servesPrometheusMetricsToAdminsOnly() throws Exception {
        HttpResponse<String> metrics = get("/q/metrics", TestTokens.issue("boot-admin", "admin"));
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "no JVM metrics in /q/metrics");
        HttpResponse<String> anonymous = get("/q/metrics");
        assertEquals(401, anonymous.statusCode(), "metrics served anonymously");
        assertNotNull(anonymous.headers().firstValue("X-Request-Id").orElse(null), "401 without X-Request-Id");
        assertEquals(
                403,
                get("/q/metrics", TestTokens.issue("boot-viewer", "viewer")).statusCode());
    }

    @Test
    void servesItsOpenApiDocumentToAdminsOnly() throws Exception {
        HttpResponse<String> doc = get("/q/openapi?format=json", TestTokens.issue("boot-admin", "admin"));
        assertEquals(200, doc.statusCode());
        assertTrue(doc.body().contains("\"openapi\""), doc.body());
        assertEquals(401, get("/q/openapi?format=json").statusCode(), "OpenAPI document served anonymously");
    }

    @Test
    void unknownPathIs404WithARequestId() throws Exception {
        HttpResponse<String> missing = get("/no/such/path");
        assertEquals(404, missing.statusCode());
        assertNotNull(missing.headers().firstValue("X-Request-Id").orElse(null), "404 without X-Request-Id");
    }

    @Test
    void flywayMigratedItsOwnSchemaIncludingTheOutbox() throws SQLException {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getValue("quarkus.datasource.password", String.class);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            try (ResultSet rs =
                    s.executeQuery("SELECT count(*), bool_and(success) FROM " + schema() + ".flyway_schema_history")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 1, "no migration applied in schema " + schema());
                assertTrue(rs.getBoolean(2), "a migration failed in schema " + schema());
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + schema() + "' AND table_name IN ('outbox', 'inbox', 'idempotency_keys')")) {
                rs.next();
                assertEquals(3, rs.getInt(1), "common tables missing in schema " + schema());
            }
        }
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    protected HttpResponse<String> get(String path, String bearer) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
