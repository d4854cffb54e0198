package dev.opsuite.automation.relaunch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.SshdNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Relaunch of a finished SSH task on its failed nodes only. */
@QuarkusTest
class RelaunchTest {

    @Test
    void relaunchRunsOnlyTheFailedNodesAgain() {
        Api.enableAll();
        List<SshdNode> nodes = Nodes.shared(2);
        Nodes.cluster("relaunch-lab", nodes);
        String flag = "/tmp/opsuite-relaunch-" + UUID.randomUUID();
        // node2 fails the first time (no flag yet) and creates the flag; node1 succeeds
        String command = "case \"$SSH_CONNECTION\" in *\" " + nodes.get(0).port + "\") echo ok;; *) test -f " + flag
                + " && echo ok || { touch " + flag + "; exit 5; };; esac";
        String first = Api.ok(Api.operator()
                        .body(Map.of(
                                "cluster_name",
                                "relaunch-lab",
                                "target_nodes",
                                List.of("node1", "node2"),
                                "credential_id",
                                Nodes.credential(),
                                "command",
                                command))
                        .post("/api/v1/automation/ssh/execute"))
                .path("data.task_id");
        Response done = Api.waitDone("ssh", first);
        assertEquals("partial", done.path("data.outcome"));

        Response relaunched = Api.ok(Api.operator().post("/api/v1/automation/ssh/relaunch/" + first + "?hosts=failed"));
        assertEquals(List.of("node2"), relaunched.path("data.target_nodes"));
        Response second = Api.waitDone("ssh", relaunched.path("data.task_id"));
        assertEquals("completed", second.path("data.status"), second.asString());
        assertEquals(List.of("node2"), second.path("data.results.node"));

        Response nothing = Api.operator().post("/api/v1/automation/ssh/relaunch/" + second.path("data.task_id"));
        assertEquals(409, nothing.statusCode());
        assertTrue(nothing.<String>path("error").contains("no failed nodes"));
        Response all = Api.ok(Api.operator().post("/api/v1/automation/ssh/relaunch/" + first + "?hosts=all"));
        assertEquals(List.of("node1", "node2"), all.path("data.target_nodes"));
        Api.waitDone("ssh", all.path("data.task_id"));
        assertEquals(
                400,
                Api.operator()
                        .post("/api/v1/automation/ssh/relaunch/" + first + "?hosts=some")
                        .statusCode());
    }
}
