package dev.opsuite.deployment.flow;

import static dev.opsuite.deployment.support.Api.OPERATOR;
import static dev.opsuite.deployment.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import dev.opsuite.devstack.test.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At most 3 running, 429 beyond unless queued (FIFO), one per app+environment, all decided in the database. */
@QuarkusTest
class ConcurrencyTest {

    @BeforeEach
    void freeSlots() {
        Api.cancelAllUnfinished();
        for (int i = 1; i <= 6; i++) {
            Api.registerPyApp("busy-" + i, PythonWebApp.shared(), PythonWebApp.freePort(), 600);
        }
    }

    @AfterEach
    void cleanUp() {
        TestDb.update("DELETE FROM deployments WHERE owner_instance = 'other-replica'");
        Api.cleanUp();
    }

    static Response deploy(String app, boolean queue) {
        return Api.deploy(
                OPERATOR,
                Map.of(
                        "app",
                        app,
                        "mode",
                        "fallback",
                        "environment",
                        "test",
                        "queue",
                        queue,
                        "config",
                        Map.of("environment_variables", Map.of("PORT", Integer.toString(PythonWebApp.freePort())))));
    }

    @Test
    void fourthDeploymentIs429UnlessQueuedAndTheQueueIsFifo() {
        List<String> running = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Response r = deploy("busy-" + i, false);
            assertEquals(202, r.statusCode(), r.asString());
            running.add(r.path("deployment_id"));
        }
        Response refused = deploy("busy-4", false);
        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals("concurrency_limit", refused.path("code"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 300, "Retry-After " + retryAfter);

        Response q4 = deploy("busy-4", true);
        assertEquals(202, q4.statusCode(), q4.asString());
        assertEquals("queued", q4.path("status"));
        Response q5 = deploy("busy-5", true);
        assertEquals("queued", q5.path("status"));
        String id4 = q4.path("deployment_id");
        String id5 = q5.path("deployment_id");

        Response same = deploy("busy-1", true);
        assertEquals(409, same.statusCode(), same.asString());
        assertEquals("deployment_in_progress", same.path("code"));

        // a slot frees: the oldest queued one starts, the next keeps waiting
        assertEquals(
                "cancelled",
                as(OPERATOR)
                        .post("/api/deployments/" + running.get(0) + "/cancel")
                        .path("status"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && "queued".equals(Api.status(id4).path("status"))) {
            Api.sleep(100);
        }
        assertTrue(
                List.of("accepted", "running").contains((String) Api.status(id4).path("status")),
                (String) Api.status(id4).path("status"));
        assertEquals("queued", Api.status(id5).path("status"));

        // a queued deployment can be cancelled at once
        Response cancelQueued = as(OPERATOR).post("/api/deployments/" + id5 + "/cancel");
        assertEquals("cancelled", cancelQueued.path("status"));
    }

    @Test
    void theLimitCountsDeploymentsOfOtherReplicasInTheSameDatabase() {
        // another replica (same database) is running three deployments
        for (int i = 1; i <= 3; i++) {
            TestDb.update(
                    "INSERT INTO deployments (id, app, environment, requested_mode, mode, status, initiator, timeout_seconds, "
                            + "estimated_duration, owner_instance, start_time) VALUES (?, ?, 'prod', 'fallback', 'fallback', 'running', 'x', 300, 60, "
                            + "'other-replica', now())",
                    "fallback_20250101_000000_0000000" + i,
                    "ghost-" + i);
        }
        Response refused = deploy("busy-1", false);
        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals("concurrency_limit", refused.path("code"));
        assertEquals(3, (int) refused.path("details.active_deployments"));
    }

    @Test
    void simultaneousRequestsNeverExceedTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                String app = "busy-" + i;
                calls.add(() -> deploy(app, false).statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            assertEquals(3, codes.stream().filter(c -> c == 202).count(), codes.toString());
            assertEquals(3, codes.stream().filter(c -> c == 429).count(), codes.toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
