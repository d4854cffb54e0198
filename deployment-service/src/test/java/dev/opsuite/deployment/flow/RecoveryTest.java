package dev.opsuite.deployment.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.lifecycle.Recovery;
import dev.opsuite.deployment.support.Api;
import dev.opsuite.deployment.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a restart does: this replica's unfinished deployments fail as "interrupted" and their leftover processes die. */
@QuarkusTest
class RecoveryTest {
    @Inject
    Recovery recovery;

    @Test
    void deploymentsOfAReplicaThatStoppedCheckingInAreFailedAsInterrupted() {
        String stale = "uv_20250102_030405_abcdef03";
        String alive = "uv_20250102_030405_abcdef04";
        TestDb.update("DELETE FROM deployments WHERE id IN (?, ?)", stale, alive);
        try {
            TestDb.update(
                    "INSERT INTO deployments (id, app, environment, requested_mode, mode, status, initiator, timeout_seconds, "
                            + "estimated_duration, owner_instance, start_time, heartbeat_at) VALUES (?, 'gone', 'prod', 'uv', 'uv', 'running', "
                            + "'olga', 300, 60, 'vanished-replica', now() - interval '10 minutes', now() - interval '5 minutes')",
                    stale);
            TestDb.update(
                    "INSERT INTO deployments (id, app, environment, requested_mode, mode, status, initiator, timeout_seconds, "
                            + "estimated_duration, owner_instance, start_time, heartbeat_at) VALUES (?, 'busy', 'prod', 'uv', 'uv', 'running', "
                            + "'olga', 300, 60, 'live-replica', now() - interval '10 minutes', now())",
                    alive);
            assertEquals(1, recovery.reclaimStale());
            assertEquals("failed", Api.status(stale).path("status"));
            assertEquals("interrupted", Api.status(stale).path("error"));
            assertEquals("running", Api.status(alive).path("status"));
        } finally {
            TestDb.update("DELETE FROM deployments WHERE id IN (?, ?)", stale, alive);
        }
    }

    @Test
    void restartMarksRunningDeploymentsFailedInterruptedAndKillsTheirLeftoverProcesses() throws Exception {
        String id = "fallback_20250102_030405_abcdef01";
        String otherReplica = "fallback_20250102_030405_abcdef02";
        TestDb.update("DELETE FROM deployments WHERE id IN (?, ?)", id, otherReplica);
        // what a crashed run leaves behind: a running row and a process tree it had started
        Process leftover = new ProcessBuilder("sh", "-c", "sleep 600 & sleep 600 & wait").start();
        Thread.sleep(300);
        List<ProcessHandle> tree =
                new ArrayList<>(leftover.toHandle().descendants().toList());
        tree.add(leftover.toHandle());
        assertTrue(tree.size() >= 3, tree.toString());
        TestDb.update(
                "INSERT INTO deployments (id, app, environment, requested_mode, mode, status, initiator, timeout_seconds, "
                        + "estimated_duration, owner_instance, start_time, current_step) VALUES (?, 'crashy', 'prod', 'fallback', 'fallback', "
                        + "'running', 'olga', 300, 60, 'test-instance', now(), 'install dependencies')",
                id);
        TestDb.update(
                "INSERT INTO deployments (id, app, environment, requested_mode, mode, status, initiator, timeout_seconds, "
                        + "estimated_duration, owner_instance, start_time) VALUES (?, 'elsewhere', 'prod', 'fallback', 'fallback', "
                        + "'running', 'olga', 300, 60, 'other-replica', now())",
                otherReplica);
        TestDb.update(
                "INSERT INTO deployment_processes (deployment_id, pid, process_start, role) VALUES (?, ?, ?, 'step')",
                id,
                leftover.pid(),
                leftover.toHandle().info().startInstant().orElseThrow().toEpochMilli());

        try {
            assertTrue(recovery.recoverInterrupted() >= 1);

            JsonPath view = Api.status(id).jsonPath();
            assertEquals("failed", view.getString("status"));
            assertEquals("interrupted", view.getString("error"));
            for (ProcessHandle p : tree) {
                assertFalse(p.isAlive(), "leftover pid " + p.pid() + " survived");
            }
            assertEquals(
                    "running",
                    Api.status(otherReplica).path("status"),
                    "another replica's deployment must be left alone");
            assertEquals(
                    List.of("dev.opsuite.deployment.finished.v1"),
                    TestDb.strings("SELECT headers->>'ce_type' FROM outbox WHERE record_key = ?", id));
        } finally {
            TestDb.update("DELETE FROM deployments WHERE id = ?", otherReplica);
            leftover.destroyForcibly();
        }
    }
}
