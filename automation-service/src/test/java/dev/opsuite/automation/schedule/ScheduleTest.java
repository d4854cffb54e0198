package dev.opsuite.automation.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.devstack.test.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Cron schedules: validation, next-run preview, firing with history linked, one firing per occurrence. */
@QuarkusTest
class ScheduleTest {
    @Inject
    ScheduleFirer firer;

    Map<String, Object> sshRequest(String command) {
        return Map.of(
                "cluster_name",
                "sched-lab",
                "target_nodes",
                List.of("node1"),
                "credential_id",
                Nodes.credential(),
                "command",
                command);
    }

    @Test
    void schedulesValidatePreviewFireAndLinkTheirRuns() {
        Api.enableAll();
        Nodes.cluster("sched-lab", Nodes.shared(1));
        assertEquals(
                422,
                Api.operator()
                        .body(Map.of(
                                "name",
                                "bad-cron",
                                "kind",
                                "ssh",
                                "cron",
                                "61 * * * *",
                                "request",
                                sshRequest("uptime")))
                        .post("/api/v1/automation/schedules")
                        .statusCode());
        assertEquals(
                422,
                Api.operator()
                        .body(Map.of(
                                "name",
                                "bad-tz",
                                "kind",
                                "ssh",
                                "cron",
                                "0 3 * * *",
                                "time_zone",
                                "Mars/Olympus",
                                "request",
                                sshRequest("uptime")))
                        .post("/api/v1/automation/schedules")
                        .statusCode());
        Response dangerous = Api.operator()
                .body(Map.of("name", "bad-cmd", "kind", "ssh", "cron", "0 3 * * *", "request", sshRequest("rm -rf /")))
                .post("/api/v1/automation/schedules");
        assertEquals(422, dangerous.statusCode());

        Response nightly = Api.created(Api.operator()
                .body(Map.of(
                        "name",
                        "nightly-" + System.nanoTime(),
                        "kind",
                        "ssh",
                        "cron",
                        "0 3 * * *",
                        "time_zone",
                        "Europe/Berlin",
                        "request",
                        sshRequest("uptime")))
                .post("/api/v1/automation/schedules"));
        List<String> next = nightly.path("data.next_runs");
        assertEquals(5, next.size());
        assertTrue(
                next.stream()
                        .allMatch(t -> OffsetDateTime.parse(t)
                                        .atZoneSameInstant(ZoneId.of("Europe/Berlin"))
                                        .getHour()
                                == 3),
                next.toString());

        String name = "every-2s-" + System.nanoTime();
        long id = Api.created(Api.operator()
                        .body(Map.of(
                                "name",
                                name,
                                "kind",
                                "ssh",
                                "cron",
                                "*/2 * * * * ?",
                                "request",
                                sshRequest("echo scheduled")))
                        .post("/api/v1/automation/schedules"))
                .<Integer>path("data.id");
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> runs = List.of();
        while (System.nanoTime() < deadline && runs.size() < 2) {
            runs = TestDb.strings("SELECT task_id FROM tasks WHERE username = ? ORDER BY id", "schedule:" + name);
            Api.sleep(200);
        }
        assertTrue(runs.size() >= 2, "the schedule did not fire twice: " + runs);
        Response run = Api.waitDone("ssh", runs.get(0));
        assertEquals("completed", run.path("data.status"));
        assertEquals("schedule:" + id, run.path("data.user_id"));
        Api.ok(Api.operator().body(Map.of("enabled", false)).put("/api/v1/automation/schedules/" + id));
        int fired = TestDb.strings("SELECT task_id FROM tasks WHERE username = ?", "schedule:" + name)
                .size();
        Api.sleep(3000);
        assertEquals(
                fired,
                TestDb.strings("SELECT task_id FROM tasks WHERE username = ?", "schedule:" + name)
                        .size(),
                "a disabled schedule fired");
        Api.ok(Api.operator().delete("/api/v1/automation/schedules/" + id));
    }

    @Test
    void twoFiringInstancesStartEachOccurrenceOnce() throws Exception {
        Api.enableAll();
        Nodes.cluster("sched-lab", Nodes.shared(1));
        String name = "race-" + System.nanoTime();
        long id = Api.created(Api.operator()
                        .body(Map.of(
                                "name", name, "kind", "ssh", "cron", "0 0 1 1 *", "request", sshRequest("echo once")))
                        .post("/api/v1/automation/schedules"))
                .<Integer>path("data.id");
        // make one occurrence due now, then let two firing loops race for it
        TestDb.update("UPDATE schedules SET next_run_at = now() - interval '1 second' WHERE id = ?", id);
        OffsetDateTime now = OffsetDateTime.now();
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> replicas = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replicas.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    started.addAll(firer.fireDue(now));
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : replicas) {
            t.join();
        }
        List<String> runs = TestDb.strings("SELECT task_id FROM tasks WHERE username = ?", "schedule:" + name);
        assertEquals(1, runs.size(), "the occurrence fired " + runs.size() + " times");
        Api.ok(Api.operator().delete("/api/v1/automation/schedules/" + id));
    }
}
