package dev.opsuite.automation.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint × every role: 401 without a token, 403 below the endpoint's role, through the door otherwise. */
@QuarkusTest
class RoleMatrixTest {
    static final String TASK = "ssh-exec-1700000000-abcdef";
    static final Set<String> ANYONE = Set.of("admin", "operator", "viewer", "none");
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
        String a = "/api/v1/automation";
        return List.of(
                new Endpoint("GET", "/api/v1/features", ANYONE, null),
                new Endpoint("PUT", "/api/v1/features/automation/enabled", ADMIN, "{\"enabled\":true}"),
                new Endpoint("PUT", "/api/v1/features/automation/ansible", ADMIN, "{}"),
                new Endpoint("PUT", "/api/v1/features/automation/ssh", ADMIN, "{}"),
                new Endpoint("PUT", "/api/v1/features/automation/scripts", ADMIN, "{\"enabled\":true}"),
                new Endpoint("PUT", "/api/v1/features/automation/workflows", ADMIN, "{\"enabled\":true}"),
                new Endpoint("GET", a + "/clusters", VIEW, null),
                new Endpoint("GET", a + "/clusters/nope", VIEW, null),
                new Endpoint("POST", a + "/clusters", ADMIN, "{\"name\":\"bad name!\"}"),
                new Endpoint("PUT", a + "/clusters/nope", ADMIN, "{}"),
                new Endpoint("DELETE", a + "/clusters/nope", ADMIN, null),
                new Endpoint("GET", a + "/credentials", OPERATE, null),
                new Endpoint("GET", a + "/credentials/999999", OPERATE, null),
                new Endpoint("POST", a + "/credentials", ADMIN, "{\"name\":\"x\"}"),
                new Endpoint("PUT", a + "/credentials/999999", ADMIN, "{}"),
                new Endpoint("DELETE", a + "/credentials/999999", ADMIN, null),
                new Endpoint(
                        "POST",
                        a + "/ssh/execute",
                        OPERATE,
                        "{\"cluster_name\":\"nope\",\"target_nodes\":[\"n\"],\"command\":\"uptime\"}"),
                new Endpoint("GET", a + "/ssh/status/" + TASK, VIEW, null),
                new Endpoint("GET", a + "/ssh/history", VIEW, null),
                new Endpoint("POST", a + "/ssh/cancel/" + TASK, OPERATE, null),
                new Endpoint("GET", a + "/ansible/playbooks", VIEW, null),
                new Endpoint("GET", a + "/ansible/playbooks/999999", VIEW, null),
                new Endpoint("POST", a + "/ansible/playbooks", OPERATE, "{\"name\":\"\"}"),
                new Endpoint("PUT", a + "/ansible/playbooks/999999", OPERATE, "{}"),
                new Endpoint("DELETE", a + "/ansible/playbooks/999999", OPERATE, null),
                new Endpoint(
                        "POST",
                        a + "/ansible/run",
                        OPERATE,
                        "{\"playbook_id\":999999,\"cluster_name\":\"nope\",\"target_nodes\":[\"n\"]}"),
                new Endpoint("GET", a + "/ansible/status/" + TASK, VIEW, null),
                new Endpoint("POST", a + "/ansible/cancel/" + TASK, OPERATE, null),
                new Endpoint("GET", a + "/ansible/history", VIEW, null),
                new Endpoint("GET", a + "/scripts", VIEW, null),
                new Endpoint("GET", a + "/scripts/999999", VIEW, null),
                new Endpoint("POST", a + "/scripts", OPERATE, "{\"name\":\"\"}"),
                new Endpoint("PUT", a + "/scripts/999999", OPERATE, "{}"),
                new Endpoint("DELETE", a + "/scripts/999999", OPERATE, null),
                new Endpoint("POST", a + "/scripts/execute", OPERATE, "{\"script_id\":999999}"),
                new Endpoint("GET", a + "/scripts/status/" + TASK, VIEW, null),
                new Endpoint("POST", a + "/scripts/cancel/" + TASK, OPERATE, null),
                new Endpoint("GET", a + "/scripts/history", VIEW, null),
                new Endpoint("GET", a + "/workflows", VIEW, null),
                new Endpoint("GET", a + "/workflows/999999", VIEW, null),
                new Endpoint("POST", a + "/workflows", OPERATE, "{\"name\":\"\"}"),
                new Endpoint("PUT", a + "/workflows/999999", OPERATE, "{}"),
                new Endpoint("DELETE", a + "/workflows/999999", OPERATE, null),
                new Endpoint("POST", a + "/workflows/execute", OPERATE, "{\"workflow_id\":999999}"),
                new Endpoint("GET", a + "/workflows/status/" + TASK, VIEW, null),
                new Endpoint("POST", a + "/workflows/cancel/" + TASK, OPERATE, null),
                new Endpoint("GET", a + "/workflows/history", VIEW, null),
                new Endpoint("GET", a + "/audit", ADMIN, null),
                new Endpoint("POST", a + "/ssh/relaunch/" + TASK, OPERATE, null),
                new Endpoint("POST", a + "/scripts/relaunch/" + TASK, OPERATE, null),
                new Endpoint("POST", a + "/ansible/relaunch/" + TASK, OPERATE, null),
                new Endpoint("POST", a + "/workflows/resume/" + TASK, OPERATE, null),
                new Endpoint("GET", a + "/schedules", VIEW, null),
                new Endpoint("GET", a + "/schedules/999999", VIEW, null),
                new Endpoint("POST", a + "/schedules", OPERATE, "{\"name\":\"bad name!\"}"),
                new Endpoint("PUT", a + "/schedules/999999", OPERATE, "{}"),
                new Endpoint("DELETE", a + "/schedules/999999", OPERATE, null),
                new Endpoint("GET", a + "/notifications", ADMIN, null),
                new Endpoint("POST", a + "/notifications", ADMIN, "{\"name\":\"bad name!\"}"),
                new Endpoint("PUT", a + "/notifications/999999", ADMIN, "{}"),
                new Endpoint("GET", a + "/notifications/999999/deliveries", ADMIN, null),
                new Endpoint("DELETE", a + "/notifications/999999", ADMIN, null));
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
        assertNotNull(r.header("X-Request-Id"), e + " without X-Request-Id");
        if (e.allowed().contains(role)) {
            assertTrue(
                    r.statusCode() != 401 && r.statusCode() != 403,
                    e + " as " + role + " -> " + r.statusCode() + " " + r.asString());
            assertTrue(r.statusCode() < 500, e + " as " + role + " -> " + r.statusCode() + " " + r.asString());
        } else if (role.equals("none")) {
            assertEquals(401, r.statusCode(), e + " without token");
            assertEquals(401, (int) r.path("code"));
            assertEquals("未授权", r.path("message"));
        } else {
            assertEquals(403, r.statusCode(), e + " as " + role + " -> " + r.asString());
            assertEquals(403, (int) r.path("code"));
            assertEquals("权限不足", r.path("message"));
        }
    }

    @Test
    void expiredTamperedAndUnsignedTokensAre401() {
        for (String token : List.of(
                TestTokens.expired("eve", "admin"),
                TestTokens.tampered(TestTokens.issue("eve", "viewer")),
                TestTokens.algNone("eve", "admin"))) {
            Response r = given().auth().oauth2(token).get("/api/v1/automation/clusters");
            assertEquals(401, r.statusCode());
            assertEquals(401, (int) r.path("code"));
        }
    }
}
