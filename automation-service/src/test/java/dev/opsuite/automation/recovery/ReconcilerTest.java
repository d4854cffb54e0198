package dev.opsuite.automation.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.remote.RemoteCommand;
import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.SshdNode;
import dev.opsuite.automation.task.TaskIds;
import dev.opsuite.devstack.test.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replica died mid-task (its heartbeat stopped; its remote wrapper still runs on the node): the
 * survivor marks the task failed/interrupted, closes its nodes and kills the leftover remote process.
 */
@QuarkusTest
class ReconcilerTest {
    @Inject
    Reconciler reconciler;

    @Test
    void aTaskOfADeadReplicaBecomesFailedInterruptedAndItsRemoteCommandIsKilled() throws Exception {
        Api.enableAll();
        SshdNode node = Nodes.shared(1).get(0);
        Nodes.cluster("recover-lab", List.of(node));
        long credential = Nodes.credential();
        String taskId = TaskIds.next(TaskKind.SSH);
        TestDb.update(
                "INSERT INTO tasks (task_id, kind, status, cluster_name, target_nodes, command, credential_id, owner_instance, "
                        + "heartbeat_at, start_time) VALUES (?, 'ssh', 'running', 'recover-lab', ?::jsonb, 'sleep 3612', ?, 'dead-replica', "
                        + "now() - interval '10 minutes', now() - interval '11 minutes')",
                taskId,
                "[\"" + node.name + "\"]",
                credential);
        TestDb.update(
                "INSERT INTO task_nodes (task_id, idx, node, host, status, start_time) VALUES (?, 0, ?, '127.0.0.1', 'running', now())",
                taskId,
                node.name);
        // what the dead replica left behind: its wrapper running the command on the node
        Process ssh = new ProcessBuilder(
                        "ssh",
                        "-T",
                        "-p",
                        Integer.toString(node.port),
                        "-i",
                        SshdNode.clientKey().privateKeyFile().toString(),
                        "-o",
                        "StrictHostKeyChecking=no",
                        "-o",
                        "UserKnownHostsFile=/dev/null",
                        "-o",
                        "BatchMode=yes",
                        "root@127.0.0.1",
                        new RemoteCommand(taskId + "-0", "sleep 3612", RemoteCommand.Interpreter.SHELL, Map.of())
                                .commandLine())
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = ssh.getOutputStream()) {
            in.write("sleep 3612\n".getBytes(StandardCharsets.UTF_8));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!Nodes.processRunning("sleep 3612") && System.nanoTime() < deadline) {
            Api.sleep(50);
        }
        assertTrue(Nodes.processRunning("sleep 3612"), "the leftover command did not start");
        ssh.destroyForcibly(); // the dead replica's connection is gone; the remote command is not

        List<String> interrupted =
                reconciler.reconcile(null).stream().map(t -> t.taskId()).toList();
        assertTrue(interrupted.contains(taskId), interrupted.toString());

        Response status = Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/ssh/status/" + taskId));
        assertEquals("failed", status.path("data.status"));
        assertEquals("failure", status.path("data.outcome"));
        assertTrue(status.<String>path("data.error").startsWith("interrupted"), status.asString());
        assertEquals("failed", status.path("data.results[0].status"));
        assertEquals("interrupted", status.path("data.results[0].message"));
        long gone = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Nodes.processRunning("sleep 3612") && System.nanoTime() < gone) {
            Api.sleep(100);
        }
        assertFalse(Nodes.processRunning("sleep 3612"), "the leftover remote command survived reconciliation");
        String again = taskId;
        assertTrue(reconciler.reconcile(null).stream().noneMatch(t -> t.taskId().equals(again)), "reconciled twice");
    }

    @Test
    void taskMetricsAreOnTheMetricsEndpoint() {
        Api.enableAll();
        SshdNode node = Nodes.shared(1).get(0);
        Nodes.cluster("metrics-lab", List.of(node));
        String id = Api.ok(Api.operator()
                        .body(Map.of(
                                "cluster_name",
                                "metrics-lab",
                                "target_nodes",
                                List.of(node.name),
                                "credential_id",
                                Nodes.credential(),
                                "command",
                                "exit 7"))
                        .post("/api/v1/automation/ssh/execute"))
                .path("data.task_id");
        Api.waitDone("ssh", id);
        // /q/metrics is for admins (common-lib's request guard); the counters move right after the task's
        // final transaction commits, which the status shows first
        String failedRuns = "automation_tasks_total{kind=\"ssh\",outcome=\"failure\",status=\"failed\"}";
        Response scrape = Api.admin().get("/q/metrics");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!scrape.asString().contains(failedRuns) && System.nanoTime() < deadline) {
            Api.sleep(200);
            scrape = Api.admin().get("/q/metrics");
        }
        String metrics = scrape.asString();
        assertTrue(
                metrics.contains(failedRuns),
                scrape.statusCode() + " " + scrape.contentType() + " "
                        + metrics.lines()
                                .filter(l -> l.startsWith("automation"))
                                .toList() + " "
                        + metrics.substring(0, Math.min(300, metrics.length())));
        assertTrue(metrics.contains("automation_node_failures_total{kind=\"ssh\",status=\"failed\"}"));
        assertTrue(metrics.contains("automation_task_duration_seconds_count{kind=\"ssh\"}"));
        assertTrue(metrics.contains("automation_tasks_running"));
    }
}
