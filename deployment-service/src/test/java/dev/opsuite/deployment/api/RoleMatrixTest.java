package dev.opsuite.deployment.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import dev.opsuite.devstack.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint × every role: 401 without a token, 403 below the endpoint's role, through the door otherwise. */
@QuarkusTest
class RoleMatrixTest {
    static final String MISSING = "fallback_20250101_000000_00000000";
    static final Set<String> VIEW = Set.of("admin", "operator", "viewer");
    static final Set<String> OPERATE = Set.of("admin", "operator");
    static final Set<String> ADMIN = Set.of("admin");

    record Endpoint(String method, String path, Set<String> allowed, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/api/deployment/health", VIEW, null),
                new Endpoint("GET", "/api/deployment/apps", VIEW, null),
                new Endpoint("GET", "/api/deployment/apps/nope", VIEW, null),
                new Endpoint("POST", "/api/deployment/apps", ADMIN, "{\"name\":\"Bad Name\"}"),
                new Endpoint("PUT", "/api/deployment/apps/nope", ADMIN, "{\"source_path\":\"/nonexistent\"}"),
                new Endpoint("DELETE", "/api/deployment/apps/nope", ADMIN, null),
                new Endpoint("POST", "/api/deployments", OPERATE, "{\"app\":\"no-such-app\",\"mode\":\"fallback\"}"),
                new Endpoint("GET", "/api/deployments", VIEW, null),
                new Endpoint("GET", "/api/deployments/" + MISSING, VIEW, null),
                new Endpoint("GET", "/api/deployments/" + MISSING + "/progress", VIEW, null),
                new Endpoint("GET", "/api/deployments/" + MISSING + "/logs", VIEW, null),
                new Endpoint("POST", "/api/deployments/" + MISSING + "/redeploy", OPERATE, null),
                // viewers get through (they may cancel their own deployments); see
                // cancelIsForOperatorsAndForTheInitiator
                new Endpoint("POST", "/api/deployments/" + MISSING + "/cancel", VIEW, null),
                new Endpoint("GET", "/api/deployments/" + MISSING + "/deliveries", OPERATE, null));
    }

    static Stream<Arguments> matrix() {
        return endpoints().stream()
                .flatMap(e -> Stream.of("admin", "operator", "viewer", "none").map(role -> Arguments.of(e, role)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void endpointEnforcesItsRole(Endpoint e, String role) {
        RequestSpecification req = given().contentType(ContentType.JSON);
        if (!role.equals("none")) {
            req = req.auth().oauth2(TestTokens.issue("matrix-" + role, role));
        }
        if (e.body() != null) {
            req = req.body(e.body());
        }
        Response r = req.request(e.method(), e.path());
        if (role.equals("none")) {
            assertEquals(401, r.statusCode(), e + " without token");
        } else if (e.allowed().contains(role)) {
            assertTrue(
                    r.statusCode() != 401 && r.statusCode() != 403,
                    e + " as " + role + " -> " + r.statusCode() + " " + r.asString());
            assertTrue(r.statusCode() < 500, e + " as " + role + " -> " + r.statusCode() + " " + r.asString());
        } else {
            assertEquals(403, r.statusCode(), e + " as " + role + " -> " + r.asString());
        }
    }

    @AfterEach
    void cleanUp() {
        Api.cleanUp();
    }

    /** Cancel: operators and admins always; a viewer only for a deployment they started themselves. */
    @Test
    void cancelIsForOperatorsAndForTheInitiator() {
        Api.cancelAllUnfinished();
        Api.registerPyApp("role-app", PythonWebApp.shared(), PythonWebApp.freePort(), 600);
        Map<String, Object> body = Map.of(
                "app",
                "role-app",
                "mode",
                "fallback",
                "environment",
                "roles",
                "config",
                Map.of("environment_variables", Map.of("PORT", Integer.toString(PythonWebApp.freePort()))));
        String id = Api.deploy(TestTokens.issue("carol", "operator"), body).path("deployment_id");

        assertEquals(401, given().post("/api/deployments/" + id + "/cancel").statusCode());
        Response stranger = Api.as(TestTokens.issue("dave", "viewer")).post("/api/deployments/" + id + "/cancel");
        assertEquals(403, stranger.statusCode());
        assertEquals("forbidden", stranger.path("code"));
        Response initiator = Api.as(TestTokens.issue("carol", "viewer")).post("/api/deployments/" + id + "/cancel");
        assertEquals(200, initiator.statusCode(), initiator.asString());
        assertEquals("cancelled", initiator.path("status"));

        String id2 = Api.deploy(TestTokens.issue("carol", "operator"), body).path("deployment_id");
        Response operator = Api.as(TestTokens.issue("erin", "operator")).post("/api/deployments/" + id2 + "/cancel");
        assertEquals("cancelled", operator.path("status"));
    }

    @Test
    void appRegistrationIsAdminOnlyAndReturnsTheWebhookSecretOnce() {
        Response created = Api.registerApp(
                "secret-app",
                Map.of("source_path", PythonWebApp.shared().toString(), "start_command", List.of("python", "app.py")));
        String secret = created.path("webhook_secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(List.of("python", "app.py"), created.path("start_command"));
        assertEquals(Boolean.TRUE, (Boolean) created.path("detected.requirements"));
        Response read = Api.as(Api.VIEWER).get("/api/deployment/apps/secret-app");
        assertEquals(200, read.statusCode());
        assertEquals(null, (Object) read.path("webhook_secret"));
        assertTrue(!Api.as(Api.VIEWER).get("/api/deployment/apps").asString().contains(secret));
        Response duplicate = Api.as(Api.ADMIN)
                .body(Map.of(
                        "name",
                        "secret-app",
                        "source_path",
                        PythonWebApp.shared().toString()))
                .post("/api/deployment/apps");
        assertEquals(409, duplicate.statusCode());
        Response updated = Api.as(Api.ADMIN)
                .body(Map.of(
                        "source_path",
                        PythonWebApp.shared().toString(),
                        "start_command",
                        "python -u 'app.py'",
                        "health_timeout_seconds",
                        42))
                .put("/api/deployment/apps/secret-app");
        assertEquals(200, updated.statusCode(), updated.asString());
        assertEquals(List.of("python", "-u", "app.py"), updated.path("start_command"));
        assertEquals(42, (int) updated.path("health_timeout_seconds"));
        assertEquals(null, (Object) updated.path("webhook_secret"));
        Response rotated = Api.as(Api.ADMIN)
                .body(Map.of("source_path", PythonWebApp.shared().toString(), "rotate_webhook_secret", true))
                .put("/api/deployment/apps/secret-app");
        String newSecret = rotated.path("webhook_secret");
        assertTrue(newSecret.startsWith("whsec_") && !newSecret.equals(secret));
        assertEquals(
                204, Api.as(Api.ADMIN).delete("/api/deployment/apps/secret-app").statusCode());
        assertEquals(
                404, Api.as(Api.VIEWER).get("/api/deployment/apps/secret-app").statusCode());
        Response invalid = Api.as(Api.ADMIN)
                .body(Map.of("name", "x", "source_path", "relative/path"))
                .post("/api/deployment/apps");
        assertEquals(400, invalid.statusCode());
        assertEquals("must be an absolute path", invalid.path("details.source_path"));
    }
}
