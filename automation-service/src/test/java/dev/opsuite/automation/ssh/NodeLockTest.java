package dev.opsuite.automation.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.devstack.test.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exclusive runs on overlapping nodes wait pending (waiting_for), never run together, never fail. */
@QuarkusTest
class NodeLockTest {

    String run(List<String> nodes, String command, boolean exclusive) {
        Map<String, Object> body = new HashMap<>();
        body.put("cluster_name", "lock-lab");
        body.put("target_nodes", nodes);
        body.put("credential_id", Nodes.credential());
        body.put("command", command);
        body.put("exclusive", exclusive);
        return Api.ok(Api.operator().body(body).post("/api/v1/automation/ssh/execute"))
                .path("data.task_id");
    }

    @Test
    void anOverlappingExclusiveRunWaitsPendingUntilTheFirstReleasesItsNodes() {
        Api.enableAll();
        Nodes.cluster("lock-lab", Nodes.shared(2));
        String first = run(List.of("node1", "node2"), "sleep 3", true);
        Api.sleep(300);
        String second = run(List.of("node2"), "echo second", true);
        String free = run(List.of("node2"), "echo not exclusive", false);
        Api.sleep(700);
        Response waiting = Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/ssh/status/" + second));
        assertEquals("pending", waiting.path("data.status"));
        assertEquals(List.of(first), waiting.path("data.waiting_for"));
        assertEquals(
                "completed", Api.waitDone("ssh", free).path("data.status"), "a non-exclusive run is not held back");

        Response firstDone = Api.waitDone("ssh", first);
        Response secondDone = Api.waitDone("ssh", second);
        assertEquals("completed", secondDone.path("data.status"), secondDone.asString());
        assertFalse(
                OffsetDateTime.parse(secondDone.path("data.start_time"))
                        .isBefore(OffsetDateTime.parse(firstDone.path("data.end_time"))),
                "the exclusive runs overlapped");
        assertEquals(
                List.of("0"),
                TestDb.strings("SELECT count(*)::text FROM node_locks WHERE task_id IN (?, ?)", first, second),
                "locks are released on the terminal state");
    }

    @Test
    void cancellingAWaitingExclusiveRunEndsItAndReleasesNothingItNeverHeld() {
        Api.enableAll();
        Nodes.cluster("lock-lab", Nodes.shared(2));
        String holder = run(List.of("node1"), "sleep 3", true);
        Api.sleep(300);
        String waiter = run(List.of("node1"), "echo never", true);
        Api.sleep(500);
        Api.ok(Api.operator().post("/api/v1/automation/ssh/cancel/" + waiter));
        assertEquals("cancelled", Api.waitDone("ssh", waiter).path("data.status"));
        assertEquals(List.of(holder), TestDb.strings("SELECT task_id FROM node_locks WHERE cluster_name = 'lock-lab'"));
        assertEquals("completed", Api.waitDone("ssh", holder).path("data.status"));
    }
}
