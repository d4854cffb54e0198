package dev.opsuite.automation.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.task.TaskIds;
import dev.opsuite.devstack.test.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finished tasks older than the retention go, with their node rows; recent and unfinished ones stay. */
@QuarkusTest
class RetentionTest {
    @Inject
    Retention retention;

    @Test
    void finishedTasksOlderThanTheRetentionAreDeleted() {
        String old = TaskIds.next(TaskKind.SSH);
        String recent = TaskIds.next(TaskKind.SSH);
        String running = TaskIds.next(TaskKind.SSH);
        for (Object[] t : new Object[][] {
            {old, "completed", "90 days"}, {recent, "failed", "1 day"}, {running, "running", "90 days"}
        }) {
            TestDb.update(
                    "INSERT INTO tasks (task_id, kind, status, cluster_name, target_nodes, start_time, end_time) VALUES "
                            + "(?, 'ssh', ?, 'retention', '[\"n\"]'::jsonb, now() - ?::interval, CASE WHEN ? = 'running' THEN NULL ELSE now() - ?::interval END)",
                    t[0],
                    t[1],
                    t[2],
                    t[1],
                    t[2]);
            TestDb.update("INSERT INTO task_nodes (task_id, idx, node, status) VALUES (?, 0, 'n', 'success')", t[0]);
        }
        assertTrue(retention.purge().await().atMost(Duration.ofSeconds(30)) >= 1);
        assertEquals(
                List.of(recent, running),
                TestDb.strings(
                        "SELECT task_id FROM tasks WHERE cluster_name = 'retention' AND task_id IN (?, ?, ?) ORDER BY status",
                        old,
                        recent,
                        running));
        assertEquals(List.of("0"), TestDb.strings("SELECT count(*)::text FROM task_nodes WHERE task_id = ?", old));
    }
}
