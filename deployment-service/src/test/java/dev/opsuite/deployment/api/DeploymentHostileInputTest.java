package dev.opsuite.deployment.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.devstack.test.hostile.ErrorShape;
import dev.opsuite.devstack.test.hostile.HostileInputProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every operation of deployment-service's OpenAPI document under hostile input: never a 5xx,
 * always an X-Request-Id, errors in problem+json.
 */
@QuarkusTest
class DeploymentHostileInputTest {

    @Test
    void noOperationAnswersHostileInputWithA5xxOrOutsideItsDialect() throws Exception {
        String admin = TestTokens.issue("hostile-admin", "admin");
        HostileInputProbe probe = HostileInputProbe.against(
                        "localhost", ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))
                .bearer(() -> admin)
                .dialect(path -> ErrorShape.PROBLEM);
        assertTrue(probe.operations().size() >= 12, "the OpenAPI document lists too few operations");
        List<String> findings = probe.run();
        assertEquals(List.of(), findings, findings.size() + " findings in " + probe.requests() + " requests");
    }

    @Test
    void scalarsAreNeverCoercedIntoNames() {
        String admin = TestTokens.issue("hostile-admin", "admin");
        // before, {"name": true} registered an app named "true", and {"app": true} deployed it
        for (String body : List.of(
                "{\"name\":true,\"source_path\":\"/tmp\"}",
                "{\"name\":1.5,\"source_path\":\"/tmp\"}",
                "{\"name\":\"ok-name\",\"source_path\":\"/tmp\",\"health_timeout_seconds\":\"60\"}")) {
            given().auth()
                    .oauth2(admin)
                    .contentType("application/json")
                    .body(body)
                    .post("/api/deployment/apps")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("malformed_json"));
        }
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body("{\"app\":true}")
                .post("/api/deployments")
                .then()
                .statusCode(400)
                .body("details.app", equalTo("expected a string"));
    }
}
