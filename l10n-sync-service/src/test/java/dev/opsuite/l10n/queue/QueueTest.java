package dev.opsuite.l10n.queue;

import static dev.opsuite.l10n.support.Api.operator;
import static dev.opsuite.l10n.support.Api.unique;
import static dev.opsuite.l10n.support.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.l10n.support.Api;
import dev.opsuite.l10n.support.Kafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QueueTest {

    private static long create(String type, String dedupe) {
        return ((Number) operator()
                        .contentType("application/json")
                        .body(Map.of("type", type, "payload_json", Map.of("n", 1), "priority", 5, "dedupe_key", dedupe))
                        .post("/api/v6/queue/tasks")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    private static Response lease(long id, String owner, int seconds) {
        return operator()
                .contentType("application/json")
                .body(Map.of("lease_owner", owner, "lease_duration_seconds", seconds))
                .post("/api/v6/queue/tasks/" + id + "/lease");
    }

    @Test
    void eightConcurrentWorkersNeverLeaseOneTaskTwice() throws Exception {
        String type = "external_" + Long.toString(System.nanoTime() % 100000, 36);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(create(type, unique("conc")));
        }
        Map<Long, String> winners = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger doubles = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int w = 0; w < 8; w++) {
            String owner = "worker-" + w;
            pool.submit(() -> {
                start.await();
                for (long id : ids) {
                    Response r = lease(id, owner, 300);
                    if (r.statusCode() == 200) {
                        if (winners.putIfAbsent(id, owner) != null) {
                            doubles.incrementAndGet();
                        }
                    } else if (r.statusCode() == 409) {
                        conflicts.incrementAndGet();
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
        assertEquals(0, doubles.get());
        assertEquals(40, winners.size());
        assertEquals(40 * 7, conflicts.get());
    }

    @Test
    void dedupeKeysAreUniqueAmongOpenTasksAndOnlyTheOwnerCompletes() {
        String dedupe = unique("dd");
        long id = create("external_dedupe", dedupe);
        operator()
                .contentType("application/json")
                .body(Map.of("type", "external_dedupe", "dedupe_key", dedupe))
                .post("/api/v6/queue/tasks")
                .then()
                .statusCode(409)
                .body("details.task_id", equalTo((int) id));
        Response l = lease(id, "alice", 60);
        l.then()
                .statusCode(200)
                .body("lease_owner", equalTo("alice"))
                .body("lease_token", notNullValue())
                .body("lease_expires_at", notNullValue());
        lease(id, "bob", 60).then().statusCode(409).body("error", equalTo("not_leasable"));
        operator()
                .contentType("application/json")
                .body(Map.of("lease_owner", "bob", "result", "success", "output", Map.of()))
                .post("/api/v6/queue/tasks/" + id + "/complete")
                .then()
                .statusCode(409);
        operator()
                .contentType("application/json")
                .body(Map.of("lease_owner", "alice", "lease_token", "wrong", "result", "success", "output", Map.of()))
                .post("/api/v6/queue/tasks/" + id + "/complete")
                .then()
                .statusCode(409);
        operator()
                .contentType("application/json")
                .body(Map.of(
                        "lease_owner",
                        "alice",
                        "lease_token",
                        (String) l.path("lease_token"),
                        "result",
                        "success",
                        "output",
                        Map.of("done", true)))
                .post("/api/v6/queue/tasks/" + id + "/complete")
                .then()
                .statusCode(200)
                .body("state", equalTo("succeeded"))
                .body("output.done", equalTo(true));
        // finished: the key is free again
        create("external_dedupe", dedupe);
        lease(id, "alice", 0).then().statusCode(400);
        lease(id, "alice", 3601).then().statusCode(400);
    }

    @Test
    void anExpiredLeaseIsReclaimedAndTheOldOwnerCanNoLongerComplete() throws Exception {
        long id = create("external_expiry", unique("exp"));
        lease(id, "slow", 1).then().statusCode(200);
        Thread.sleep(1500);
        lease(id, "fast", 60).then().statusCode(200).body("attempts", equalTo(2));
        operator()
                .contentType("application/json")
                .body(Map.of("lease_owner", "slow", "result", "success"))
                .post("/api/v6/queue/tasks/" + id + "/complete")
                .then()
                .statusCode(409);
    }

    @Test
    void failuresRetryWithBackoffThenTheTaskIsDeadWithAnEvent() throws Exception {
        Api.admin()
                .contentType("application/json")
                .body(Map.of("value", 1))
                .put("/api/v6/settings/retry_attempts")
                .then()
                .statusCode(200);
        try (Kafka.Reader events = Kafka.reader("l10n.events.v1")) {
            long id = create("external_retry", unique("retry"));
            lease(id, "w", 60).then().statusCode(200);
            operator()
                    .contentType("application/json")
                    .body(Map.of("lease_owner", "w", "result", "failure", "error", "boom"))
                    .post("/api/v6/queue/tasks/" + id + "/complete")
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("pending"))
                    .body("last_error", equalTo("boom"));
            // backed off: not leasable right away
            lease(id, "w", 60).then().statusCode(409);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lease(id, "w", 60).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "never became due again");
                Thread.sleep(200);
            }
            operator()
                    .contentType("application/json")
                    .body(Map.of("lease_owner", "w", "result", "failure", "error", "boom again"))
                    .post("/api/v6/queue/tasks/" + id + "/complete")
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("dead"))
                    .body("attempts", equalTo(2));
            Kafka.Event dead = events.await(
                    e -> e.type().equals("dev.opsuite.l10n.task_dead.v1")
                            && e.subject().equals(Long.toString(id)),
                    Duration.ofSeconds(20));
            assertEquals("external_retry", dead.payload().getTaskDead().getType());
            assertEquals(2, dead.payload().getTaskDead().getAttempts());
        } finally {
            Api.admin().contentType("application/json").body(Map.of("value", 5)).put("/api/v6/settings/retry_attempts");
        }
        viewer().get("/api/v6/queue/tasks?state=dead&type=external_retry")
                .then()
                .statusCode(200);
        Response status = viewer().get("/api/v6/queue/status");
        status.then().statusCode(200);
        assertTrue(((Number) status.path("error_rate")).doubleValue() > 0);
        assertTrue(((Number) status.path("dead")).intValue() >= 1);
    }

    @Test
    void builtInWorkersRunQaTasks() throws Exception {
        String mod = Api.createMod(unique("qa").replace('-', '_'));
        String file = Api.createFile(mod, "zh_cn");
        Api.importFile(file, "{\"a.b\":\"x\"}", "as=translation").then().statusCode(200);
        long id = ((Number) operator()
                        .contentType("application/json")
                        .body(Map.of("type", "qa_run", "payload_json", Map.of("language_file_uid", file)))
                        .post("/api/v6/queue/tasks")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String state = "";
        while (System.nanoTime() < deadline && !Set.of("succeeded", "dead").contains(state)) {
            state = viewer().get("/api/v6/queue/tasks/" + id).path("state");
            Thread.sleep(100);
        }
        assertEquals("succeeded", state);
        viewer().get("/api/v6/queue/tasks/" + id).then().body("output.entries", equalTo(1));
    }
}
