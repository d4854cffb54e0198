package dev.opsuite.automation.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.SshdNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Host keys against real sshd: pinned matches, unpinned under pinned, TOFU pins, a changed key fails. */
@QuarkusTest
class HostKeyTest {
    SshdNode node;

    @BeforeEach
    void setUp() {
        Api.enableAll();
        node = Nodes.shared(1).get(0);
    }

    Response run(String cluster) {
        String id = Api.ok(Api.operator()
                        .body(Map.of(
                                "cluster_name",
                                cluster,
                                "target_nodes",
                                List.of(node.name),
                                "credential_id",
                                Nodes.credential(),
                                "command",
                                "echo ok"))
                        .post("/api/v1/automation/ssh/execute"))
                .path("data.task_id");
        return Api.waitDone("ssh", id);
    }

    @Test
    void anUnpinnedNodeUnderPinnedPolicyFailsNamingItsKey() {
        Nodes.cluster("hk-pinned", List.of(node), false, "pinned");
        Response done = run("hk-pinned");
        assertEquals("failed", done.path("data.status"));
        assertEquals("failure", done.path("data.outcome"));
        String message = done.path("data.results[0].message");
        assertTrue(message.contains("no pinned host key"), message);
        assertTrue(message.contains(node.fingerprint), "the message names the offered key: " + message);
    }

    @Test
    void trustOnFirstUsePinsTheKeyExactlyAsSshKeygenPrintsIt() {
        Nodes.cluster("hk-tofu", List.of(node), false, "tofu");
        Response done = run("hk-tofu");
        assertEquals("completed", done.path("data.status"), done.asString());
        Response cluster = Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/clusters/hk-tofu"));
        assertEquals(node.fingerprint, cluster.path("data.nodes[0].host_key_fingerprint"));
        assertEquals("completed", run("hk-tofu").path("data.status"));
    }

    @Test
    void aChangedHostKeyFailsTheNodeAndSaysSo() {
        Api.admin().delete("/api/v1/automation/clusters/hk-changed");
        String wrong = "SHA256:" + "Q".repeat(43);
        Api.created(Api.admin()
                .body(Map.of(
                        "name",
                        "hk-changed",
                        "nodes",
                        List.of(Map.of(
                                "name",
                                node.name,
                                "host",
                                "127.0.0.1",
                                "port",
                                node.port,
                                "host_key_fingerprint",
                                wrong))))
                .post("/api/v1/automation/clusters"));
        Response done = run("hk-changed");
        assertEquals("failed", done.path("data.status"));
        String message = done.path("data.results[0].message");
        assertTrue(message.contains("changed"), message);
        assertTrue(message.contains(node.fingerprint) && message.contains(wrong), message);
    }
}
