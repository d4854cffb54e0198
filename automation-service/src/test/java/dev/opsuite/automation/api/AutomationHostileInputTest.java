package dev.opsuite.automation.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
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
 * Every operation of automation-service's OpenAPI document under hostile input: never a 5xx, always
 * an X-Request-Id, errors in the automation envelope ({"code","message","error"}).
 */
@QuarkusTest
class AutomationHostileInputTest {

    @Test
    void noOperationAnswersHostileInputWithA5xxOrOutsideItsDialect() throws Exception {
        String admin = TestTokens.issue("hostile-admin", "admin");
        HostileInputProbe probe = HostileInputProbe.against(
                        "localhost", ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))
                .bearer(() -> admin)
                .dialect(path -> ErrorShape.AUTOMATION)
                // a valid body there switches features off or points Ansible elsewhere for every other
                // test; their hostile bodies are checked below
                .skip((method, path) -> method.equals("PUT") && path.startsWith("/api/v1/features/"));
        assertTrue(probe.operations().size() >= 30, "the OpenAPI document lists too few operations");
        List<String> findings = probe.run();
        assertEquals(List.of(), findings, findings.size() + " findings in " + probe.requests() + " requests");
    }

    @Test
    void featureSwitchesRefuseHostileBodies() {
        String admin = TestTokens.issue("hostile-admin", "admin");
        for (String[] attempt : new String[][] {
            {"/api/v1/features/automation/enabled", "{\"enabled\":\"yes\"}"},
            {"/api/v1/features/automation/enabled", "{\"enabled\":1}"},
            {"/api/v1/features/automation/enabled", "{\"enabled\":true,\"enabled\":false}"},
            {"/api/v1/features/automation/ssh", "{\"timeout\":\"30\"}"},
            {"/api/v1/features/automation/ansible", "{\"binary_path\":\"a\\u0000b\"}"},
            {"/api/v1/features/automation/ansible", "{\"timeout\":1.5}"}
        }) {
            given().auth()
                    .oauth2(admin)
                    .contentType("application/json")
                    .body(attempt[1])
                    .put(attempt[0])
                    .then()
                    .statusCode(400)
                    .header("X-Request-Id", notNullValue())
                    .body("code", equalTo(400));
        }
    }
}
