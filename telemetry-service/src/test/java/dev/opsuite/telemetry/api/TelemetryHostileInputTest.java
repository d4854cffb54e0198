package dev.opsuite.telemetry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.devstack.test.hostile.ErrorShape;
import dev.opsuite.devstack.test.hostile.HostileInputProbe;
import dev.opsuite.telemetry.TelemetryConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every operation of telemetry's OpenAPI document under hostile input: never a 5xx, always an
 * X-Request-Id, errors in the dialect of the path (short text for the bash client's ingest paths,
 * problem+json for the read API).
 */
@QuarkusTest
class TelemetryHostileInputTest {
    private static final Set<String> INGEST = Set.of("/telemetry", "/install", "/update", "/upload");

    @Inject
    TelemetryConfig config;

    @Test
    void noOperationAnswersHostileInputWithA5xxOrOutsideItsDialect() throws Exception {
        String admin = TestTokens.issue("hostile-admin", "admin");
        HostileInputProbe probe = HostileInputProbe.against(
                        "localhost", ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))
                .bearer(() -> admin)
                .dialect(path -> INGEST.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))
                        ? ErrorShape.TELEMETRY_TEXT
                        : ErrorShape.PROBLEM)
                // valid values there purge or sweep every test's data; their hostile values are below
                .skip((method, path) -> path.endsWith("/admin/retention/run") || path.endsWith("/admin/sweeper/run"));
        assertTrue(probe.operations().size() >= 15, "the OpenAPI document lists too few operations");
        List<String> findings = probe.run();
        assertEquals(List.of(), findings, findings.size() + " findings in " + probe.requests() + " requests");
    }

    @Test
    void onlyLoopbackMayForwardClientAddressesByDefault() {
        assertEquals(List.of("127.0.0.1/32", "::1/128"), config.rateLimit().trustedProxies());
    }

    @Test
    void maintenanceEndpointsRefuseHostileParameters() {
        String admin = TestTokens.issue("hostile-admin", "admin");
        for (String query : List.of(
                "retention/run?days=abc",
                "retention/run?days=%00",
                "retention/run?days=99999999999999999999",
                "sweeper/run?older_than_seconds=1.5",
                "sweeper/run?older_than_seconds=%ED%A0%80")) {
            given().auth()
                    .oauth2(admin)
                    .post("/api/v1/telemetry/admin/" + query)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .header("X-Request-Id", notNullValue());
        }
    }
}
