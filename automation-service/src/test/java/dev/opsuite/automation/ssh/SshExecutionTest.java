package dev.opsuite.automation.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.SshdNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SSH commands against real OpenSSH sshd processes on loopback ports. */
@QuarkusTest
class SshExecutionTest {
    List<SshdNode> nodes;
    long credential;

    @BeforeEach
    void nodes() {
        Api.enableAll();
        Api.ok(Api.admin().body(Map.of("max_concurrent", 50, "timeout", 300)).put("/api/v1/features/automation/ssh"));
        nodes = Nodes.shared(3);
        Nodes.cluster("lab", nodes);
        credential = Nodes.credential();
    }

    Response execute(String command, Integer timeout) {
        Map<String, Object> body = new HashMap<>();
        body.put("cluster_name", "lab");
        body.put("target_nodes", nodes.stream().map(n -> n.name).toList());
        body.put("credential_id", credential);
        body.put("command", command);
        if (timeout != null) {
            body.put("timeout", timeout);
        }
        return Api.operator().body(body).post("/api/v1/automation/ssh/execute");
    }

    @Test
    void runsOnAllNodesConcurrentlyWithPerNodeStdoutStderrAndExitCodes() {
        long t0 = System.nanoTime();
        Response started = Api.ok(execute("sleep 2; echo out-$((40 + 2)); echo err-line >&2", 60));
        String taskId = started.path("data.task_id");
        assertTrue(taskId.matches("ssh-exec-\\d+-[a-z0-9]{6}"), taskId);
        assertEquals("执行已启动", started.path("message"));
        assertTrue(Set.of("running", "pending").contains(started.<String>path("data.status")));
        assertEquals("lab", started.path("data.cluster_name"));
        assertNotNull(started.path("data.start_time"));

        Response done = Api.waitDone("ssh", taskId);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("completed", done.path("data.status"), done.asString());
        assertEquals("success", done.path("data.outcome"));
        assertEquals(3, (int) done.path("data.success_count"));
        assertEquals(0, (int) done.path("data.failed_count"));
        assertEquals(List.of("node1", "node2", "node3"), done.path("data.results.node"));
        for (int i = 0; i < 3; i++) {
            assertEquals("success", done.path("data.results[" + i + "].status"));
            assertEquals(0, (int) done.path("data.results[" + i + "].exit_code"));
            assertEquals("out-42\n", done.path("data.results[" + i + "].stdout"));
            assertEquals("err-line\n", done.path("data.results[" + i + "].stderr"));
        }
        assertTrue(elapsedMs < 5000, "3 nodes with sleep 2 ran one after another: " + elapsedMs + " ms");
        assertNotNull(done.path("data.end_time"));
        assertEquals("olga", done.path("data.username"));

        Response history =
                Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/ssh/history?cluster_name=lab&status=completed"));
        assertTrue(history.<List<String>>path("data.executions.task_id").contains(taskId));
        assertTrue(history.<Integer>path("data.total") >= 1);
        assertEquals(
                400,
                Api.as(Api.VIEWER)
                        .get("/api/v1/automation/ssh/history?status=done")
                        .statusCode());
        assertEquals(
                400,
                Api.as(Api.VIEWER)
                        .get("/api/v1/automation/ssh/history?page_size=x")
                        .statusCode());
    }

    @Test
    void someNodesFailingIsFailedWithOutcomePartial() {
        String command =
                "case \"$SSH_CONNECTION\" in *\" " + nodes.get(0).port + "\") exit 0;; *) echo no >&2; exit 3;; esac";
        Response done = Api.waitDone("ssh", Api.ok(execute(command, 30)).path("data.task_id"));
        assertEquals("failed", done.path("data.status"));
        assertEquals("partial", done.path("data.outcome"));
        assertEquals(1, (int) done.path("data.success_count"));
        assertEquals(2, (int) done.path("data.failed_count"));
        assertEquals(3, (int) done.path("data.results[1].exit_code"));
        assertEquals("failed", done.path("data.results[1].status"));
    }

    @Test
    void cancelKillsTheRemoteProcessWithinSeconds() {
        String taskId =
                Api.ok(execute("echo started; sleep 3607; echo never", 120)).path("data.task_id");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Nodes.processRunning("sleep 3607") && System.nanoTime() < deadline) {
            Api.sleep(50);
        }
        assertTrue(Nodes.processRunning("sleep 3607"), "the remote command never started");
        Response cancel = Api.ok(Api.operator().post("/api/v1/automation/ssh/cancel/" + taskId));
        assertEquals("取消成功", cancel.path("message"));
        long cancelled = System.nanoTime();
        while (Nodes.processRunning("sleep 3607")
                && System.nanoTime() - cancelled < Duration.ofSeconds(5).toNanos()) {
            Api.sleep(50);
        }
        assertFalse(Nodes.processRunning("sleep 3607"), "remote sleep still running 5 s after cancel");
        Response done = Api.waitDone("ssh", taskId);
        assertEquals("cancelled", done.path("data.status"));
        assertEquals("cancelled", done.path("data.outcome"));
        assertEquals("cancelled", done.path("data.results[0].status"));
        assertEquals(
                409,
                Api.operator().post("/api/v1/automation/ssh/cancel/" + taskId).statusCode());
        assertEquals(
                404,
                Api.operator()
                        .post("/api/v1/automation/ssh/cancel/ssh-exec-1-abcdef")
                        .statusCode());
    }

    @Test
    void aCommandOverItsTimeoutIsKilledAndTheTaskFailsTimedOut() {
        Response done = Api.waitDone("ssh", Api.ok(execute("sleep 3608", 2)).path("data.task_id"));
        assertEquals("failed", done.path("data.status"));
        assertEquals("timed_out", done.path("data.outcome"));
        assertEquals("timed_out", done.path("data.results[0].status"));
        assertTrue(done.<String>path("data.results[0].message").contains("timed out"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Nodes.processRunning("sleep 3608") && System.nanoTime() < deadline) {
            Api.sleep(50);
        }
        assertFalse(Nodes.processRunning("sleep 3608"));
    }

    @Test
    void outputBeyondTheCapIsCutWithAMarker() {
        Response done = Api.waitDone(
                "ssh",
                Api.ok(execute("head -c 300000 /dev/zero | tr '\\0' x; echo; echo tail >&2", 30))
                        .path("data.task_id"));
        assertEquals("completed", done.path("data.status"));
        String out = done.path("data.results[0].stdout");
        assertTrue(out.startsWith("xxxx"));
        assertTrue(out.contains("output truncated"), out.substring(Math.max(0, out.length() - 200)));
        assertTrue(out.length() < 70_000, "kept " + out.length());
        assertEquals("tail\n", done.path("data.results[0].stderr"));
    }

    @Test
    void nodesBeyondMaxConcurrentWaitPendingNotFailed() {
        Api.ok(Api.admin().body(Map.of("max_concurrent", 1)).put("/api/v1/features/automation/ssh"));
        try {
            String taskId = Api.ok(execute("sleep 1", 30)).path("data.task_id");
            Api.sleep(400);
            Response during = Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/ssh/status/" + taskId));
            List<String> statuses = during.path("data.results.status");
            assertEquals(1, statuses.stream().filter("running"::equals).count(), statuses.toString());
            assertEquals(2, statuses.stream().filter("pending"::equals).count(), statuses.toString());
            Response done = Api.waitDone("ssh", taskId);
            assertEquals("completed", done.path("data.status"));
            assertTrue(done.<Integer>path("data.duration") >= 2, done.asString());
        } finally {
            Api.ok(Api.admin().body(Map.of("max_concurrent", 50)).put("/api/v1/features/automation/ssh"));
        }
    }

    @Test
    void dangerousCommandsAre422InTheAutomationDialect() {
        Response r = execute("rm -rf /", null);
        assertEquals(422, r.statusCode());
        assertEquals(422, (int) r.path("code"));
        assertEquals("命令验证失败", r.path("message"));
        assertTrue(r.<String>path("error").startsWith("危险命令已拦截: rm -rf /"), r.asString());
        assertNotNull(r.header("X-Request-Id"));
        Response suspicious = execute("echo $(id)", null);
        assertEquals(422, suspicious.statusCode());
        Map<String, Object> body = new HashMap<>();
        body.put("cluster_name", "lab");
        body.put("target_nodes", List.of("node1"));
        body.put("credential_id", credential);
        body.put("command", "echo $(id -u)");
        body.put("allow_suspicious", true);
        assertEquals(
                422,
                Api.operator().body(body).post("/api/v1/automation/ssh/execute").statusCode(),
                "operators cannot allow");
        Response admin = Api.ok(Api.admin().body(body).post("/api/v1/automation/ssh/execute"));
        Response done = Api.waitDone("ssh", admin.path("data.task_id"));
        assertEquals("completed", done.path("data.status"));
    }

    @Test
    void aSwitchedOffFeatureIs403FunctionNotEnabled() {
        Api.ok(Api.admin().body(Map.of("enabled", false)).put("/api/v1/features/automation/ssh"));
        try {
            Response r = execute("uptime", null);
            assertEquals(403, r.statusCode());
            assertEquals("功能未启用", r.path("message"));
            assertTrue(r.<String>path("error").contains("SSH"), r.asString());
            Response features = Api.anonymous().get("/api/v1/features");
            assertEquals(false, features.path("data.automation.ssh_enabled"));
            assertEquals(true, features.path("data.automation.enabled"));
        } finally {
            Api.enableAll();
        }
        Api.ok(Api.admin().body(Map.of("enabled", false)).put("/api/v1/features/automation/enabled"));
        try {
            Response r = execute("uptime", null);
            assertEquals(403, r.statusCode());
            assertTrue(r.<String>path("error").contains("自动化功能未启用"), r.asString());
        } finally {
            Api.enableAll();
        }
    }

    @Test
    void unknownNodesAndClustersAreClearErrors() {
        Map<String, Object> body = new HashMap<>();
        body.put("cluster_name", "lab");
        body.put("target_nodes", List.of("node1", "ghost"));
        body.put("credential_id", credential);
        body.put("command", "uptime");
        Response r = Api.operator().body(body).post("/api/v1/automation/ssh/execute");
        assertEquals(422, r.statusCode());
        assertTrue(r.<String>path("error").contains("ghost"));
        body.put("cluster_name", "nowhere");
        assertEquals(
                404,
                Api.operator().body(body).post("/api/v1/automation/ssh/execute").statusCode());
        body.put("cluster_name", "lab");
        body.put("target_nodes", List.of("node1"));
        body.put("credential_id", 999999);
        assertEquals(
                404,
                Api.operator().body(body).post("/api/v1/automation/ssh/execute").statusCode());
    }
}
