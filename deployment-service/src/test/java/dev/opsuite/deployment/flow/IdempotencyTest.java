package dev.opsuite.deployment.flow;

import static dev.opsuite.deployment.support.Api.OPERATOR;
import static dev.opsuite.deployment.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import dev.opsuite.devstack.test.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

    @AfterEach
    void cleanUp() {
        Api.cleanUp();
    }

    @Test
    void sameKeyAndBodyReplaysTheSameDeploymentAndADifferentBodyIs422() {
        Api.cancelAllUnfinished();
        Api.registerPyApp("idem-app", PythonWebApp.shared(), PythonWebApp.freePort(), 600);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of(
                "app",
                "idem-app",
                "mode",
                "fallback",
                "environment",
                "idem",
                "skip_health_check",
                true,
                "config",
                Map.of("environment_variables", Map.of("PORT", Integer.toString(PythonWebApp.freePort()))));

        Response first = as(OPERATOR).header("Idempotency-Key", key).body(body).post("/api/deployments");
        assertEquals(202, first.statusCode(), first.asString());
        assertNull(first.header("Idempotent-Replayed"));
        String id = first.path("deployment_id");

        Response replay = as(OPERATOR).header("Idempotency-Key", key).body(body).post("/api/deployments");
        assertEquals(202, replay.statusCode(), replay.asString());
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(id, replay.path("deployment_id"));
        assertEquals(
                1,
                TestDb.strings("SELECT id FROM deployments WHERE app = 'idem-app' AND environment = 'idem'")
                        .size());

        Response other = as(OPERATOR)
                .header("Idempotency-Key", key)
                .body(Map.of("app", "idem-app", "mode", "fallback", "environment", "other"))
                .post("/api/deployments");
        assertEquals(422, other.statusCode(), other.asString());
        assertEquals("idempotency_key_reused", other.path("code"));
    }
}
