package dev.opsuite.automation.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InventoryApiTest {
    static final String FP = "SHA256:" + "A".repeat(43);

    @Test
    void createsListsUpdatesAndDeletesAClusterWithItsNodes() {
        Api.admin().delete("/api/v1/automation/clusters/inv-a");
        Response created = Api.created(Api.admin()
                .body(Map.of(
                        "name",
                        "inv-a",
                        "description",
                        "lab",
                        "nodes",
                        List.of(
                                Map.of("name", "n1", "host", "127.0.0.1", "port", 2201, "labels", Map.of("role", "db")),
                                Map.of("name", "n2", "host", "127.0.0.2", "host_key_fingerprint", FP))))
                .post("/api/v1/automation/clusters"));
        assertEquals(201, (int) created.path("code"));
        assertEquals("创建成功", created.path("message"));
        assertEquals("pinned", created.path("data.host_key_policy"));
        assertEquals(List.of("n1", "n2"), created.path("data.nodes.name"));
        assertEquals(2201, (int) created.path("data.nodes[0].port"));
        assertEquals(22, (int) created.path("data.nodes[1].port"));
        assertEquals("db", created.path("data.nodes[0].labels.role"));
        assertEquals(FP, created.path("data.nodes[1].host_key_fingerprint"));

        Response listed = Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/clusters?page=1&page_size=100"));
        assertTrue(listed.<List<String>>path("data.clusters.name").contains("inv-a"));
        assertTrue(listed.<Integer>path("data.total") >= 1);

        Response updated = Api.ok(Api.admin()
                .body(Map.of(
                        "host_key_policy",
                        "tofu",
                        "nodes",
                        List.of(Map.of("name", "n2", "host", "127.0.0.2"), Map.of("name", "n3", "host", "h3"))))
                .put("/api/v1/automation/clusters/inv-a"));
        assertEquals("tofu", updated.path("data.host_key_policy"));
        assertEquals(List.of("n2", "n3"), updated.path("data.nodes.name"));
        assertEquals(FP, updated.path("data.nodes[0].host_key_fingerprint"), "same address keeps its pinned key");

        assertEquals(
                409,
                Api.admin()
                        .body(Map.of("name", "inv-a"))
                        .post("/api/v1/automation/clusters")
                        .statusCode());
        Response deleted = Api.ok(Api.admin().delete("/api/v1/automation/clusters/inv-a"));
        assertEquals("删除成功", deleted.path("message"));
        Response missing = Api.as(Api.VIEWER).get("/api/v1/automation/clusters/inv-a");
        assertEquals(404, missing.statusCode());
        assertEquals(404, (int) missing.path("code"));
        assertEquals("资源不存在", missing.path("message"));
        assertTrue(missing.<String>path("error").contains("inv-a"));
        assertNotNull(missing.header("X-Request-Id"));
    }

    @Test
    void refusesAFingerprintNotInSshKeygenFormat() {
        Response r = Api.admin()
                .body(Map.of(
                        "name",
                        "inv-bad",
                        "nodes",
                        List.of(Map.of("name", "n1", "host", "h", "host_key_fingerprint", "MD5:aa:bb"))))
                .post("/api/v1/automation/clusters");
        assertEquals(400, r.statusCode());
        assertTrue(r.<String>path("error").contains("SHA256:"), r.asString());
        assertNotNull(r.header("X-Request-Id"));
    }

    @Test
    void refusesDuplicateKeysCoercionNulAndUnknownFieldsWith400() {
        for (String body : List.of(
                "{\"name\":\"x1\",\"name\":\"x2\"}",
                "{\"name\":\"x1\",\"nodes\":[{\"name\":\"n\",\"host\":\"h\",\"port\":\"22\"}]}",
                "{\"name\":123}",
                "{\"name\":\"x\\u0000y\"}",
                "{\"name\":\"x\\ud800y\"}",
                "{\"name\":\"x1\",\"colour\":\"red\"}",
                "{\"name\":\"x1\",\"nodes\":[{\"name\":\"n\",\"host\":\"h\",\"port\":22.5}]}",
                "[1,2]",
                "{\"name\":")) {
            Response r = Api.admin().body(body).post("/api/v1/automation/clusters");
            assertEquals(400, r.statusCode(), body + " -> " + r.asString());
            assertEquals(400, (int) r.path("code"), body);
            assertNotNull(r.<String>path("error"), body);
            assertNotNull(r.header("X-Request-Id"), body);
        }
    }

    @Test
    void wrongTypedQueryParametersAre400NotA404() {
        Response r = Api.as(Api.VIEWER).get("/api/v1/automation/clusters?page=abc");
        assertEquals(400, r.statusCode());
        assertTrue(r.<String>path("error").contains("page"), r.asString());
        assertEquals(
                400,
                Api.as(Api.ADMIN)
                        .get("/api/v1/automation/credentials/notanumber")
                        .statusCode());
    }

    @Test
    void listsAreEnvelopedWithTotalAndItems() {
        Response r = Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/clusters"));
        assertEquals(200, (int) r.path("code"));
        assertEquals("获取成功", r.path("message"));
        assertFalse(r.<Object>path("data.total") == null);
    }
}
