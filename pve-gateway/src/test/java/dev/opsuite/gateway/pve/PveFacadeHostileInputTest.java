package dev.opsuite.gateway.pve;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.test.hostile.ApiOperation;
import dev.opsuite.devstack.test.hostile.ApiOperation.Parameter;
import dev.opsuite.devstack.test.hostile.ErrorShape;
import dev.opsuite.devstack.test.hostile.HostileInputProbe;
import dev.opsuite.devstack.test.hostile.Schema;
import dev.opsuite.gateway.support.TestAuth;
import dev.opsuite.gateway.support.TestPve;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The PVE facade under hostile input. It mirrors PVE's API, which no OpenAPI document of ours
 * describes, so its operations (the seed's endpoints, the ticket login and a write) are listed
 * here from PVE's published schema. No 5xx of the facade's own, always an X-Request-Id, errors in
 * PVE's dialect (empty-body 401s, {"data":null,…} otherwise).
 */
@QuarkusTest
class PveFacadeHostileInputTest {
    private static final Schema TEXT = Schema.of("string");
    private static final Schema INT = Schema.of("integer");

    @Test
    void theFacadeAnswersHostileInputLikePveWithoutA5xxOfItsOwn() throws Exception {
        TestPve.registered();
        String admin = TestAuth.adminToken();
        String upid = anyUpid(admin);
        List<ApiOperation> operations = List.of(
                get("/api2/json/version"),
                get("/api2/json/nodes"),
                get("/api2/json/cluster/status"),
                get("/api2/json/cluster/resources", query("type", Schema.oneOf("vm", "storage", "node", "sdn"))),
                get("/api2/json/cluster/nextid", query("vmid", INT)),
                get("/api2/json/nodes/{node}/status", path("node")),
                get("/api2/json/nodes/{node}/network", path("node"), query("type", TEXT)),
                get(
                        "/api2/json/nodes/{node}/tasks",
                        path("node"),
                        query("limit", INT),
                        query("start", INT),
                        query("since", INT),
                        query("until", INT),
                        query("vmid", INT),
                        query("errors", Schema.of("boolean")),
                        query("source", Schema.oneOf("archive", "active", "all")),
                        query("statusfilter", TEXT),
                        query("typefilter", TEXT),
                        query("userfilter", TEXT)),
                get("/api2/json/nodes/{node}/tasks/{upid}/status", path("node"), path("upid")),
                get("/api2/json/nodes/{node}/tasks/{upid}/log", path("node"), path("upid"), query("start", INT)),
                new ApiOperation(
                        "POST",
                        "/api2/json/access/ticket",
                        List.of(),
                        null,
                        List.of("application/x-www-form-urlencoded")),
                new ApiOperation(
                        "POST",
                        "/api2/json/nodes/{node}/qemu",
                        List.of(path("node")),
                        null,
                        List.of("application/x-www-form-urlencoded")));
        HostileInputProbe probe = HostileInputProbe.against(
                        "localhost", ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))
                .bearer(() -> admin)
                .pathValues(Map.of("node", "pve1", "upid", upid))
                .dialect(path -> ErrorShape.PVE);
        List<String> findings = probe.run(operations);
        assertEquals(List.of(), findings, findings.size() + " findings in " + probe.requests() + " requests");
        assertTrue(probe.requests() > 300, "only " + probe.requests() + " requests sent");
    }

    private static String anyUpid(String admin) {
        String body = given().auth()
                .oauth2(admin)
                .get("/api2/json/nodes/pve1/tasks?source=all")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return new JsonObject(body).getJsonArray("data").getJsonObject(0).getString("upid");
    }

    private static ApiOperation get(String path, Parameter... parameters) {
        return new ApiOperation("GET", path, List.of(parameters), null, List.of());
    }

    private static Parameter path(String name) {
        return new Parameter(name, "path", TEXT);
    }

    private static Parameter query(String name, Schema schema) {
        return new Parameter(name, "query", schema);
    }
}
