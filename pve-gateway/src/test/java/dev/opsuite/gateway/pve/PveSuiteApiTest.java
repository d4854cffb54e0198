package dev.opsuite.gateway.pve;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import dev.opsuite.devstack.pve.PveTestCluster;
import dev.opsuite.gateway.support.TestAuth;
import dev.opsuite.gateway.support.TestPve;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** opsuite's own PVE API: merged resources, the overview and task waiting. */
@QuarkusTest
class PveSuiteApiTest {

    @Test
    void resourcesOfEveryClusterAreMergedTaggedAndDeduplicatedByPveClusterName() {
        PveTestCluster pve = TestPve.registered();
        String admin = TestAuth.adminToken();
        String copy = TestAuth.uniqueName("lab-copy");
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(TestPve.registration(copy, pve, false))
                .when()
                .post("/api/v1/pve/clusters")
                .then()
                .statusCode(201);
        try {
            given().auth()
                    .oauth2(TestAuth.tokenFor("viewer"))
                    .when()
                    .get("/api/v1/pve/resources?type=vm")
                    .then()
                    .statusCode(200)
                    .body("items.type", everyItem(org.hamcrest.Matchers.oneOf("qemu", "lxc")))
                    .body("items.vmid", hasItems(100, 101))
                    .body("items.findAll { it.vmid == 100 }.size()", equalTo(1))
                    .body("clusters.find { it.status == 'ok' }.pve_cluster", equalTo("opsuite-test"))
                    .body("clusters.find { it.status == 'duplicate' }.pve_cluster", equalTo("opsuite-test"))
                    .body("items.cluster", everyItem(org.hamcrest.Matchers.oneOf(TestPve.CLUSTER, copy)));
            given().auth()
                    .oauth2(admin)
                    .when()
                    .get("/api/v1/pve/resources?cluster=" + copy + "&type=node")
                    .then()
                    .statusCode(200)
                    .body("items.node", hasItems("pve1", "pve2"))
                    .body("items.cluster", everyItem(equalTo(copy)));
        } finally {
            given().auth()
                    .oauth2(admin)
                    .when()
                    .delete("/api/v1/pve/clusters/" + copy)
                    .then()
                    .statusCode(204);
        }
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/pve/resources?type=vms")
                .then()
                .statusCode(400)
                .body("code", equalTo("validation_failed"));
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/pve/resources?cluster=nope")
                .then()
                .statusCode(404);
    }

    @Test
    void overviewCountsNodesGuestsAndUse() {
        TestPve.registered();
        given().auth()
                .oauth2(TestAuth.tokenFor("viewer"))
                .when()
                .get("/api/v1/pve/overview")
                .then()
                .statusCode(200)
                .body("find { it.cluster == 'lab' }.pve_cluster", equalTo("opsuite-test"))
                .body("find { it.cluster == 'lab' }.quorate", equalTo(true))
                .body("find { it.cluster == 'lab' }.nodes_online", equalTo(2))
                .body("find { it.cluster == 'lab' }.nodes_offline", equalTo(0))
                .body("find { it.cluster == 'lab' }.cpu_total", equalTo(16))
                .body("find { it.cluster == 'lab' }.mem_total", equalTo(67108864000L))
                .body("find { it.cluster == 'lab' }.containers", notNullValue());
    }

    @Test
    void taskWaitReturnsTheExitStatusAndTheLogTailOfAFailedTask() {
        TestPve.registered();
        String viewer = TestAuth.tokenFor("viewer");
        String upid = given().auth()
                .oauth2(viewer)
                .when()
                .get("/api2/json/nodes/pve2/tasks?source=all&errors=1")
                .then()
                .statusCode(200)
                .extract()
                .path("data[0].upid");
        given().auth()
                .oauth2(viewer)
                .when()
                .get("/api/v1/pve/clusters/lab/tasks/" + upid + "/wait?timeout=5")
                .then()
                .statusCode(200)
                .body("finished", equalTo(true))
                .body("status", equalTo("stopped"))
                .body("exitstatus", equalTo("startup for container '101' failed"))
                .body("log_tail", hasItem("TASK ERROR: startup for container '101' failed"));
        given().auth()
                .oauth2(viewer)
                .when()
                .get("/api/v1/pve/clusters/lab/tasks/not-a-upid/wait")
                .then()
                .statusCode(400)
                .body("details.upid", notNullValue());
        given().auth()
                .oauth2(viewer)
                .when()
                .get("/api/v1/pve/clusters/lab/tasks/" + upid + "/wait?timeout=soon")
                .then()
                .statusCode(400)
                .body("details.timeout", notNullValue());
        given().auth()
                .oauth2(viewer)
                .when()
                .get("/api/v1/pve/clusters/nope/tasks/" + upid + "/wait")
                .then()
                .statusCode(404);
    }

    @Test
    void taskWaitOfARunningTaskWaitsForItsEnd() {
        TestPve.registered();
        String operator = TestAuth.tokenFor("operator");
        String upid = given().auth()
                .oauth2(operator)
                .contentType("application/x-www-form-urlencoded")
                .formParams(
                        Map.of("vmid", "7301", "hostname", "ct-wait", "ostemplate", "local:vztmpl/debian-12.tar.zst"))
                .when()
                .post("/api2/json/nodes/pve1/lxc")
                .then()
                .statusCode(200)
                .extract()
                .path("data");
        given().auth()
                .oauth2(operator)
                .when()
                .get("/api/v1/pve/clusters/lab/tasks/" + upid + "/wait?timeout=30")
                .then()
                .statusCode(200)
                .body("finished", equalTo(true))
                .body("exitstatus", equalTo("OK"))
                .body("upid", equalTo(upid));
        List<?> none = given().auth()
                .oauth2(operator)
                .when()
                .get("/api/v1/pve/clusters/lab/tasks/" + upid + "/wait")
                .then()
                .extract()
                .path("log_tail");
        org.junit.jupiter.api.Assertions.assertNull(none, "no log tail for a task that succeeded");
    }
}
