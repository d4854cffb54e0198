package dev.opsuite.deployment.flow;

import static dev.opsuite.deployment.support.Api.OPERATOR;
import static dev.opsuite.deployment.support.Api.VIEWER;
import static dev.opsuite.deployment.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import dev.opsuite.devstack.test.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancel and timeout stop the whole process tree of the app a deployment started; finished ones can't be cancelled. */
@QuarkusTest
class CancelAndTimeoutTest {

    @AfterEach
    void cleanUp() {
        Api.cleanUp();
    }

    /** An app that serves but whose health URL never answers: the deployment waits in "health check". */
    static String startHanging(String app, int timeoutSeconds) {
        Path dir = PythonWebApp.shared();
        Api.registerPyApp(app, dir, PythonWebApp.freePort(), 600);
        Response r = Api.deploy(
                OPERATOR,
                Map.of(
                        "app",
                        app,
                        "mode",
                        "fallback",
                        "environment",
                        "test",
                        "timeout",
                        timeoutSeconds,
                        "config",
                        Map.of(
                                "environment_variables",
                                Map.of("PORT", Integer.toString(PythonWebApp.freePort()), "SPAWN_CHILDREN", "1"))));
        assertEquals(202, r.statusCode(), r.asString());
        String id = r.path("deployment_id");
        Api.waitForStep(id, "health check", Duration.ofSeconds(60));
        return id;
    }

    /** The app process and every descendant, as recorded by the service. */
    static List<ProcessHandle> appTree(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> pids = TestDb.strings(
                    "SELECT pid::text FROM deployment_processes WHERE deployment_id = ? AND role = 'app'", id);
            if (!pids.isEmpty()) {
                ProcessHandle app =
                        ProcessHandle.of(Long.parseLong(pids.get(0))).orElseThrow();
                List<ProcessHandle> tree = new ArrayList<>(app.descendants().toList());
                if (tree.size() >= 2) {
                    tree.add(app);
                    return tree;
                }
            }
            Api.sleep(100);
        }
        throw new AssertionError("app of " + id + " never spawned its children");
    }

    @Test
    void cancelTerminatesTheWholeProcessTreeAndMarksTheDeploymentCancelled() {
        String id = startHanging("hang-cancel", 300);
        List<ProcessHandle> tree = appTree(id);
        assertTrue(tree.size() >= 3, tree.toString());
        tree.forEach(p -> assertTrue(p.isAlive()));

        Response cancel = as(OPERATOR).post("/api/deployments/" + id + "/cancel");
        assertEquals(200, cancel.statusCode(), cancel.asString());
        assertEquals("cancelled", cancel.path("status"));
        assertEquals(id, cancel.path("deployment_id"));
        assertNotNull(cancel.path("cancelled_at"));
        for (ProcessHandle p : tree) {
            assertFalse(p.isAlive(), "pid " + p.pid() + " survived the cancel");
        }
        JsonPath progress =
                as(VIEWER).get("/api/deployments/" + id + "/progress").jsonPath();
        assertEquals("cancelled", progress.getString("status"));
        assertEquals("cancelled", progress.getString("steps[4].status"));
        assertEquals("cancelled", Api.status(id).path("status"));
        assertEquals(
                List.of("dev.opsuite.deployment.finished.v1"),
                TestDb.strings(
                        "SELECT headers->>'ce_type' FROM outbox WHERE record_key = ? ORDER BY id DESC LIMIT 1", id));
    }

    /** Another replica's cancel only sets cancel_requested in the database; the running replica acts on it. */
    @Test
    void aCancelRequestedThroughTheDatabaseStopsTheDeploymentOnTheReplicaRunningIt() {
        String id = startHanging("hang-remote", 300);
        List<ProcessHandle> tree = appTree(id);
        assertEquals(1, TestDb.update("UPDATE deployments SET cancel_requested = true WHERE id = ?", id));
        assertEquals(
                "cancelled",
                Api.waitFor(id, Set.of("cancelled", "completed", "failed", "timed_out"), Duration.ofSeconds(15)));
        Api.sleep(200);
        for (ProcessHandle p : tree) {
            assertFalse(p.isAlive(), "pid " + p.pid() + " survived the cancel");
        }
    }

    @Test
    void cancellingAFinishedDeploymentIs409() {
        String id = startHanging("hang-twice", 300);
        assertEquals(
                200, as(OPERATOR).post("/api/deployments/" + id + "/cancel").statusCode());
        Response again = as(OPERATOR).post("/api/deployments/" + id + "/cancel");
        assertEquals(409, again.statusCode());
        assertEquals("deployment_finished", again.path("code"));
        assertTrue(again.contentType().startsWith("application/problem+json"), again.contentType());
    }

    @Test
    void timeoutTerminatesTheProcessTreeAndMarksTheDeploymentTimedOut() {
        // long enough to reach the health check on a loaded machine; the health check itself never passes
        String id = startHanging("hang-timeout", 30);
        List<ProcessHandle> tree = appTree(id);
        assertEquals(
                "timed_out",
                Api.waitFor(id, Set.of("timed_out", "completed", "failed", "cancelled"), Duration.ofSeconds(60)));
        Api.sleep(200);
        for (ProcessHandle p : tree) {
            assertFalse(p.isAlive(), "pid " + p.pid() + " survived the timeout");
        }
        JsonPath view = Api.status(id).jsonPath();
        assertEquals("timed out after 30 s", view.getString("error"));
        assertTrue(view.getDouble("duration_seconds") >= 29.0, view.prettify());
    }

    @Test
    void unknownDeploymentIs404() {
        Response r = as(OPERATOR).post("/api/deployments/fallback_20250101_000000_deadbeef/cancel");
        assertEquals(404, r.statusCode());
        assertEquals("not_found", r.path("code"));
    }
}
