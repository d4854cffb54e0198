package dev.opsuite.gateway.pve;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.gateway.support.TestAuth;
import dev.opsuite.gateway.support.TestPve;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the PVE feature × every role: the registry is admin-only, the suite API is for
 * every signed-in role, and the facade lets viewers read, operators write to nodes and guests, and
 * admins write anywhere — refusing others in each API's own dialect.
 */
@QuarkusTest
class PveEndpointRoleTest {

    enum Who {
        ANONYMOUS,
        VIEWER,
        OPERATOR,
        ADMIN
    }

    record Endpoint(String method, Supplier<String> path, Supplier<Object> body, Who minimum, boolean facade) {}

    @Test
    void everyPveEndpointLetsInExactlyTheRolesItDeclares() {
        TestPve.registered();
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("GET", () -> "/api/v1/pve/clusters", null, Who.ADMIN, false));
        endpoints.add(new Endpoint("GET", () -> "/api/v1/pve/clusters/" + TestPve.CLUSTER, null, Who.ADMIN, false));
        endpoints.add(new Endpoint(
                "POST",
                () -> "/api/v1/pve/clusters",
                () -> TestPve.registration(TestAuth.uniqueName("r"), TestPve.cluster(), false),
                Who.ADMIN,
                false));
        endpoints.add(new Endpoint(
                "PUT",
                () -> "/api/v1/pve/clusters/" + scratch(),
                () -> TestPve.registration(TestAuth.uniqueName("r"), TestPve.cluster(), false),
                Who.ADMIN,
                false));
        endpoints.add(new Endpoint("DELETE", () -> "/api/v1/pve/clusters/" + scratch(), null, Who.ADMIN, false));
        endpoints.add(new Endpoint("GET", () -> "/api/v1/pve/resources", null, Who.VIEWER, false));
        endpoints.add(new Endpoint("GET", () -> "/api/v1/pve/overview", null, Who.VIEWER, false));
        endpoints.add(new Endpoint(
                "GET",
                () -> "/api/v1/pve/clusters/lab/tasks/"
                        + "UPID:pve1:00001092:000003E8:00000000:qmstart:100:root@pam:/wait?timeout=1",
                null,
                Who.VIEWER,
                false));
        endpoints.add(new Endpoint("GET", () -> "/api2/json/version", null, Who.VIEWER, true));
        endpoints.add(new Endpoint(
                "GET", () -> "/api/v1/pve/clusters/lab/api2/json/cluster/resources", null, Who.VIEWER, true));
        endpoints.add(new Endpoint("GET", () -> "/api2/json/access/permissions", null, Who.VIEWER, true));
        endpoints.add(new Endpoint(
                "PUT",
                () -> "/api2/json/nodes/pve1/qemu/100/config",
                () -> "description=role-walk",
                Who.OPERATOR,
                true));
        endpoints.add(
                new Endpoint("POST", () -> "/api2/json/cluster/backup", () -> "starttime=02:00", Who.ADMIN, true));
        endpoints.add(new Endpoint("GET", () -> "/api2/json/access/roles", null, Who.ADMIN, true));

        List<String> failures = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (Who who : Who.values()) {
                Response r = call(e, who);
                int expected = who == Who.ANONYMOUS
                        ? 401
                        : who.ordinal() >= e.minimum().ordinal() ? 0 : 403;
                int actual = r.statusCode();
                boolean ok = expected == 0
                        ? actual != 401 && actual != 403 && actual < 500 || (e.facade() && actual == 501)
                        : actual == expected;
                if (ok && expected != 0 && e.facade()) {
                    // PVE's dialect: the reason carries the message, 401s have no body
                    ok = expected == 401
                            ? r.asString().isEmpty() && r.statusLine().endsWith("No ticket")
                            : r.statusLine().contains("Permission check failed");
                }
                if (!ok) {
                    failures.add(e.method() + " " + e.path().get() + " as " + who + ": " + r.statusLine() + " "
                            + r.asString()
                            + (expected == 0 ? " (expected to be let in)" : " (expected " + expected + ")"));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static Response call(Endpoint e, Who who) {
        RequestSpecification request = given();
        if (who != Who.ANONYMOUS) {
            request.auth().oauth2(TestAuth.tokenFor(who.name().toLowerCase()));
        }
        if (e.body() != null) {
            Object body = e.body().get();
            request.contentType(body instanceof String ? ContentType.URLENC : ContentType.JSON)
                    .body(body);
        }
        return request.when().request(e.method(), e.path().get());
    }

    private static String scratch() {
        String name = TestAuth.uniqueName("scratch");
        given().auth()
                .oauth2(TestAuth.adminToken())
                .contentType(ContentType.JSON)
                .body(TestPve.registration(name, TestPve.cluster(), false))
                .when()
                .post("/api/v1/pve/clusters")
                .then()
                .statusCode(201);
        return name;
    }
}
