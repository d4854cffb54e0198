package dev.opsuite.automation.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.SshdNode;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workflow DAGs on real sshd nodes, and k8s steps against fabric8's Kubernetes mock server. */
@QuarkusTest
class WorkflowTest {
    List<SshdNode> nodes;

    @BeforeEach
    void setUp() {
        Api.enableAll();
        nodes = Nodes.shared(2);
        Nodes.cluster("wf-lab", nodes);
    }

    static Map<String, Object> step(String id, String type, Object... kv) {
        Map<String, Object> s = new HashMap<>();
        s.put("id", id);
        s.put("name", "step " + id);
        s.put("type", type);
        for (int i = 0; i < kv.length; i += 2) {
            s.put((String) kv[i], kv[i + 1]);
        }
        return s;
    }

    static Response create(String token, List<Map<String, Object>> steps, Object... extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "wf-" + UUID.randomUUID());
        body.put("category", "test");
        body.put("definition", Map.of("steps", steps));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return Api.as(token).body(body).post("/api/v1/automation/workflows");
    }

    static String execute(long workflowId, List<String> targets) {
        return Api.ok(Api.operator()
                        .body(Map.of(
                                "workflow_id",
                                workflowId,
                                "cluster_name",
                                "wf-lab",
                                "target_nodes",
                                targets,
                                "credential_id",
                                Nodes.credential(),
                                "parameters",
                                Map.of("GREETING", "hi there")))
                        .post("/api/v1/automation/workflows/execute"))
                .path("data.task_id");
    }

    static String statusOf(Response r, String stepId) {
        List<Map<String, Object>> steps = r.path("data.steps");
        return (String) steps.stream()
                .filter(s -> s.get("id").equals(stepId))
                .findFirst()
                .orElseThrow()
                .get("status");
    }

    @Test
    void definitionsAreValidatedAndACycleIsNamed() {
        Response cycle = create(
                Api.OPERATOR,
                List.of(
                        step("a", "ssh", "command", "uptime", "depends_on", List.of("c")),
                        step("b", "ssh", "command", "uptime", "depends_on", List.of("a")),
                        step("c", "ssh", "command", "uptime", "depends_on", List.of("b"))));
        assertEquals(422, cycle.statusCode());
        String msg = cycle.path("error");
        assertTrue(
                msg.startsWith("dependency cycle: ")
                        && msg.contains("a")
                        && msg.contains("b")
                        && msg.contains("c")
                        && msg.contains("→"),
                msg);
        assertEquals(
                422,
                create(Api.OPERATOR, List.of(step("a", "ssh", "command", "x", "depends_on", List.of("zzz"))))
                        .statusCode());
        assertEquals(422, create(Api.OPERATOR, List.of(step("a", "ftp"))).statusCode());
        assertEquals(
                422,
                create(Api.OPERATOR, List.of(step("a", "ssh", "command", "x"), step("a", "ssh", "command", "y")))
                        .statusCode());
        Response script = create(Api.OPERATOR, List.of(step("a", "script", "script_id", 987654)));
        assertEquals(422, script.statusCode());
        assertTrue(script.<String>path("error").contains("987654"));
        Response dangerous =
                create(Api.OPERATOR, List.of(step("a", "ssh", "command", "sudo rm -rf --no-preserve-root /")));
        assertEquals(422, dangerous.statusCode());
        assertTrue(dangerous.<String>path("error").startsWith("危险命令已拦截"), dangerous.asString());
        assertEquals(
                422,
                create(Api.OPERATOR, List.of(step("a", "k8s", "action", "explode")))
                        .statusCode());
        Response builtins = Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/workflows?is_builtin=true"));
        assertEquals(List.of("节点维护", "故障诊断", "批量部署"), builtins.path("data.workflows.name"));
        assertEquals(6, (int) builtins.path("data.workflows[0].step_count"));
    }

    @Test
    void readyStepsRunInParallelAndStatusShowsEveryStep() {
        long id = Api.created(create(
                        Api.OPERATOR,
                        List.of(
                                step("a", "ssh", "command", "sleep 1; echo \"a $GREETING\""),
                                step("b", "ssh", "command", "sleep 1; echo b"),
                                step("c", "ssh", "command", "echo c", "depends_on", List.of("a", "b")))))
                .<Integer>path("data.id");
        long t0 = System.nanoTime();
        String taskId = execute(id, List.of("node1", "node2"));
        Response done = Api.waitDone("workflows", taskId);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("completed", done.path("data.status"), done.asString());
        assertEquals("success", done.path("data.outcome"));
        assertEquals(3, (int) done.path("data.total_steps"));
        assertEquals(List.of("a", "b", "c"), done.path("data.steps.id"));
        assertEquals(List.of("completed", "completed", "completed"), done.path("data.steps.status"));
        assertEquals("success", done.path("data.steps[0].result"));
        assertTrue(done.<String>path("data.steps[0].message").contains("a hi there"), done.asString());
        OffsetDateTime aStart = OffsetDateTime.parse(done.path("data.steps[0].start_time"));
        OffsetDateTime aEnd = OffsetDateTime.parse(done.path("data.steps[0].end_time"));
        OffsetDateTime bStart = OffsetDateTime.parse(done.path("data.steps[1].start_time"));
        OffsetDateTime bEnd = OffsetDateTime.parse(done.path("data.steps[1].end_time"));
        assertTrue(
                aStart.isBefore(bEnd) && bStart.isBefore(aEnd),
                "a and b did not overlap: " + done.asString() + " in " + ms + " ms");
        OffsetDateTime cStart = OffsetDateTime.parse(done.path("data.steps[2].start_time"));
        assertTrue(!cStart.isBefore(aEnd) && !cStart.isBefore(bEnd), "c started before its dependencies ended");
        assertEquals(2, (int) done.path("data.success_count"));
    }

    @Test
    void failuresSkipDependantsUnlessTheyRunOnFailureOrAlwaysAndContinueOnErrorDoesNotFail() {
        long id = Api.created(create(
                        Api.OPERATOR,
                        List.of(
                                step("soft", "ssh", "command", "exit 4", "continue_on_error", true),
                                step("after_soft", "ssh", "command", "echo fine", "depends_on", List.of("soft")),
                                step("hard", "ssh", "command", "exit 3"),
                                step("after_hard", "ssh", "command", "echo never", "depends_on", List.of("hard")),
                                step("chain", "ssh", "command", "echo never", "depends_on", List.of("after_hard")),
                                step(
                                        "rescue",
                                        "ssh",
                                        "command",
                                        "echo rescue",
                                        "depends_on",
                                        List.of("hard"),
                                        "when",
                                        "on_failure"),
                                step(
                                        "cleanup",
                                        "ssh",
                                        "command",
                                        "echo cleanup",
                                        "depends_on",
                                        List.of("chain"),
                                        "when",
                                        "always"))))
                .<Integer>path("data.id");
        Response done = Api.waitDone("workflows", execute(id, List.of("node1")));
        assertEquals("failed", done.path("data.status"));
        assertEquals("failure", done.path("data.outcome"));
        assertEquals("failed", statusOf(done, "soft"));
        assertEquals("completed", statusOf(done, "after_soft"));
        assertEquals("failed", statusOf(done, "hard"));
        assertEquals("skipped", statusOf(done, "after_hard"));
        assertEquals("skipped", statusOf(done, "chain"));
        assertEquals("completed", statusOf(done, "rescue"));
        assertEquals("completed", statusOf(done, "cleanup"));

        long soft = Api.created(create(
                        Api.OPERATOR, List.of(step("soft", "ssh", "command", "exit 4", "continue_on_error", true))))
                .<Integer>path("data.id");
        assertEquals(
                "completed",
                Api.waitDone("workflows", execute(soft, List.of("node1"))).path("data.status"));
    }

    @Test
    void retriesWithDelayAndPerStepTimeout() {
        String f = "/tmp/opsuite-retry-" + UUID.randomUUID();
        long id = Api.created(create(
                        Api.OPERATOR,
                        List.of(
                                step(
                                        "flaky",
                                        "ssh",
                                        "command",
                                        "test -f " + f + ".2 && exit 0; test -f " + f + ".1 && touch " + f
                                                + ".2 && exit 1; touch " + f + ".1; exit 1",
                                        "retry",
                                        Map.of("max_attempts", 3, "delay", 1)),
                                step(
                                        "slow",
                                        "ssh",
                                        "command",
                                        "sleep 3610",
                                        "timeout",
                                        2,
                                        "depends_on",
                                        List.of("flaky")))))
                .<Integer>path("data.id");
        Response done = Api.waitDone("workflows", execute(id, List.of("node1")));
        assertEquals("completed", statusOf(done, "flaky"), done.asString());
        assertEquals(3, (int) done.path("data.steps[0].attempts"));
        assertEquals("timed_out", statusOf(done, "slow"));
        assertEquals("failed", done.path("data.status"));
        assertEquals("timed_out", done.path("data.outcome"));
        assertFalse(Nodes.processRunning("sleep 3610"));
    }

    @Test
    void cancelStopsTheRunningStepAndSkipsTheRest() {
        long id = Api.created(create(
                        Api.OPERATOR,
                        List.of(
                                step("long", "ssh", "command", "sleep 3611"),
                                step("next", "ssh", "command", "echo next", "depends_on", List.of("long")))))
                .<Integer>path("data.id");
        String taskId = execute(id, List.of("node1", "node2"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Nodes.processRunning("sleep 3611") && System.nanoTime() < deadline) {
            Api.sleep(50);
        }
        Response running = Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/workflows/status/" + taskId));
        assertEquals("running", running.path("data.status"));
        assertEquals("long", running.path("data.current_step"));
        assertEquals("running", statusOf(running, "long"));
        assertEquals("pending", statusOf(running, "next"));
        Api.ok(Api.operator().post("/api/v1/automation/workflows/cancel/" + taskId));
        Response done = Api.waitDone("workflows", taskId);
        assertEquals("cancelled", done.path("data.status"));
        assertEquals("cancelled", statusOf(done, "long"));
        assertEquals("skipped", statusOf(done, "next"));
        long gone = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Nodes.processRunning("sleep 3611") && System.nanoTime() < gone) {
            Api.sleep(50);
        }
        assertFalse(Nodes.processRunning("sleep 3611"));
    }

    @Test
    void k8sStepsCordonDrainAndUncordonThroughTheKubernetesApi() {
        try (KubernetesTestServer k8s = new KubernetesTestServer()) {
            for (String n : List.of("node1", "node2")) {
                k8s.client
                        .nodes()
                        .resource(new NodeBuilder()
                                .withNewMetadata()
                                .withName(n)
                                .endMetadata()
                                .withNewStatus()
                                .addNewCondition()
                                .withType("Ready")
                                .withStatus("True")
                                .endCondition()
                                .endStatus()
                                .build())
                        .create();
            }
            k8s.client
                    .pods()
                    .inNamespace("apps")
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName("web-1")
                            .withNamespace("apps")
                            .endMetadata()
                            .withNewSpec()
                            .withNodeName("node1")
                            .endSpec()
                            .build())
                    .create();
            k8s.client
                    .pods()
                    .inNamespace("apps")
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName("db-1")
                            .withNamespace("apps")
                            .endMetadata()
                            .withNewSpec()
                            .withNodeName("node1")
                            .endSpec()
                            .build())
                    .create();
            k8s.client
                    .pods()
                    .inNamespace("kube-system")
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName("agent-x")
                            .withNamespace("kube-system")
                            .addNewOwnerReference()
                            .withKind("DaemonSet")
                            .withName("agent")
                            .withApiVersion("apps/v1")
                            .withUid("u1")
                            .endOwnerReference()
                            .endMetadata()
                            .withNewSpec()
                            .withNodeName("node1")
                            .endSpec()
                            .build())
                    .create();
            k8s.budgetBlocksOnce.add("db-1");
            Api.ok(Api.admin()
                    .body(Map.of("kubernetes", Map.of("api_url", k8s.url(), "token", "test-token")))
                    .put("/api/v1/automation/clusters/wf-lab"));

            long drain = Api.created(create(
                            Api.OPERATOR,
                            List.of(
                                    step("cordon", "k8s", "action", "cordon", "timeout", 30),
                                    step(
                                            "drain",
                                            "k8s",
                                            "action",
                                            "drain",
                                            "timeout",
                                            60,
                                            "depends_on",
                                            List.of("cordon")),
                                    step(
                                            "ready",
                                            "k8s",
                                            "action",
                                            "wait_ready",
                                            "timeout",
                                            10,
                                            "depends_on",
                                            List.of("drain")))))
                    .<Integer>path("data.id");
            Response done = Api.waitDone("workflows", execute(drain, List.of("node1")));
            assertEquals("completed", done.path("data.status"), done.asString());
            assertEquals(
                    Boolean.TRUE,
                    k8s.client.nodes().withName("node1").get().getSpec().getUnschedulable());
            assertNull(
                    k8s.client.nodes().withName("node2").get().getSpec() == null
                            ? null
                            : k8s.client
                                    .nodes()
                                    .withName("node2")
                                    .get()
                                    .getSpec()
                                    .getUnschedulable());
            List<String> left = new ArrayList<>(k8s.client.pods().inAnyNamespace().list().getItems().stream()
                    .map(p -> p.getMetadata().getName())
                    .toList());
            assertEquals(List.of("agent-x"), left, "DaemonSet pods stay, the others are evicted");
            assertTrue(k8s.evictions.containsAll(List.of("web-1", "db-1")));
            assertTrue(done.<String>path("data.steps[1].message").contains("node1 drained"), done.asString());

            long uncordon = Api.created(create(Api.OPERATOR, List.of(step("uncordon", "k8s", "action", "uncordon"))))
                    .<Integer>path("data.id");
            assertEquals(
                    "completed",
                    Api.waitDone("workflows", execute(uncordon, List.of("node1")))
                            .path("data.status"));
            assertNull(k8s.client.nodes().withName("node1").get().getSpec().getUnschedulable());

            long ghost = Api.created(create(Api.OPERATOR, List.of(step("cordon", "k8s", "action", "cordon"))))
                    .<Integer>path("data.id");
            Response missing = Api.waitDone("workflows", execute(ghost, List.of("node2")));
            assertEquals("completed", missing.path("data.status"), "node2 exists in the API");
        } finally {
            Api.ok(Api.admin()
                    .body(Map.of("kubernetes", Map.of("api_url", "")))
                    .put("/api/v1/automation/clusters/wf-lab"));
        }
    }

    @Test
    void unknownMembersOfAWorkflowDefinitionAreRefusedNotIgnored() {
        Map<String, Object> retry = new HashMap<>();
        retry.put("max_attempt", 3);
        for (Map.Entry<String, Object> c : Map.<String, Object>of(
                        "continue_on_eror",
                        Map.of("steps", List.of(step("a", "ssh", "command", "true", "continue_on_eror", true))),
                        "stpes",
                        Map.of("stpes", List.of(step("a", "ssh", "command", "true"))),
                        "max_attempt",
                        Map.of("steps", List.of(step("a", "ssh", "command", "true", "retry", retry))),
                        "requried",
                        Map.of(
                                "steps",
                                List.of(step("a", "ssh", "command", "echo $X")),
                                "parameters",
                                List.of(Map.of("name", "X", "requried", true))))
                .entrySet()) {
            Response r = Api.operator()
                    .body(Map.of("name", "wf-" + UUID.randomUUID(), "category", "test", "definition", c.getValue()))
                    .post("/api/v1/automation/workflows");
            assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.asString());
            assertEquals(400, (int) r.path("code"), c.getKey());
            assertTrue(r.<String>path("error").contains(c.getKey()), c.getKey() + " -> " + r.asString());
            assertNotNull(r.header("X-Request-Id"));
        }
    }
}
