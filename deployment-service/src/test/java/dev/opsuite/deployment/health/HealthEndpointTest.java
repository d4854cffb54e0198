package dev.opsuite.deployment.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.modes.ModeAvailability;
import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On this host docker has no engine and uv is absent: health says so, with the reason; python3 venv works. */
@QuarkusTest
class HealthEndpointTest {
    @Inject
    ModeAvailability availability;

    @org.junit.jupiter.api.AfterEach
    void cleanUp() {
        Api.cleanUp();
    }

    @Test
    void reportsWhichModesReallyWorkHereWithReasons() {
        availability.refresh();
        long started = System.nanoTime();
        Response r = Api.as(Api.VIEWER).get("/api/deployment/health");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, r.statusCode(), r.asString());
        assertTrue(millis < 1000, "health took " + millis + " ms");
        JsonPath h = r.jsonPath();
        assertEquals("1.0.0", h.getString("version"));
        assertEquals(3, h.getInt("max_concurrent_deployments"));
        assertEquals("unavailable", h.getString("deployment_managers.docker.status"));
        String dockerReason = h.getString("deployment_managers.docker.reason");
        assertTrue(dockerReason.contains("docker info failed") || dockerReason.contains("not found"), dockerReason);
        assertEquals("unavailable", h.getString("deployment_managers.uv.status"));
        assertEquals("uv not found on PATH", h.getString("deployment_managers.uv.reason"));
        assertEquals("available", h.getString("deployment_managers.fallback.status"));
        assertTrue(h.getString("deployment_managers.fallback.version").matches("3\\.\\d+\\.\\d+"));
        assertEquals("ready", h.getString("api_status"));
        assertNotNull(h.get("system_resources.cpu_percent"));
        assertNotNull(h.get("system_resources.memory_percent"));
        assertNotNull(h.get("system_resources.disk_percent"));
        assertNotNull(h.get("statistics.total_deployments"));
        assertNotNull(h.get("statistics.average_deployment_time"));
    }

    @Test
    void explicitUnavailableModeIs422WithTheReasonAndAutoFallsBackToFallback() {
        Api.cancelAllUnfinished();
        availability.refresh();
        Api.registerPyApp("auto-app", PythonWebApp.shared(), PythonWebApp.freePort(), 600);
        Response uv = Api.deploy(Api.OPERATOR, Map.of("app", "auto-app", "mode", "uv"));
        assertEquals(422, uv.statusCode(), uv.asString());
        assertEquals("mode_unavailable", uv.path("code"));
        assertTrue(uv.asString().contains("uv not found on PATH"), uv.asString());
        Response docker = Api.deploy(Api.OPERATOR, Map.of("app", "auto-app", "mode", "docker"));
        assertEquals(422, docker.statusCode());

        Response auto = Api.deploy(
                Api.OPERATOR,
                Map.of(
                        "app",
                        "auto-app",
                        "mode",
                        "auto",
                        "environment",
                        "auto",
                        "config",
                        Map.of("environment_variables", Map.of("PORT", Integer.toString(PythonWebApp.freePort())))));
        assertEquals(202, auto.statusCode(), auto.asString());
        assertEquals("fallback", auto.path("mode"));
        assertEquals("auto", auto.path("requested_mode"));
        assertTrue(((String) auto.path("deployment_id")).startsWith("fallback_"));
        Api.cancelAllUnfinished();
    }

    @Test
    void rejectsBadRequestsWithFieldErrors() {
        Response r = Api.deploy(
                Api.OPERATOR,
                Map.of(
                        "app",
                        "auto-app",
                        "mode",
                        "teleport",
                        "timeout",
                        0,
                        "environment",
                        "../etc",
                        "config",
                        Map.of("environment_variables", Map.of("1BAD", "x"))));
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("validation_failed", r.path("code"));
        assertNotNull(r.path("details.mode"));
        assertNotNull(r.path("details.timeout"));
        assertNotNull(r.path("details.environment"));
        Response malformed = Api.as(Api.OPERATOR).body("{not json").post("/api/deployments");
        assertEquals(400, malformed.statusCode());
        Response unknownApp = Api.deploy(Api.OPERATOR, Map.of("app", "never-registered"));
        assertEquals(422, unknownApp.statusCode());
        assertEquals("unknown_app", unknownApp.path("code"));
    }
}
