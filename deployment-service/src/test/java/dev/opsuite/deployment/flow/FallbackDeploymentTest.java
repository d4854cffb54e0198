package dev.opsuite.deployment.flow;

import static dev.opsuite.deployment.support.Api.OPERATOR;
import static dev.opsuite.deployment.support.Api.VIEWER;
import static dev.opsuite.deployment.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.process.AppInstances;
import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import dev.opsuite.devstack.test.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real deployments: python3 venv, pip install, start, HTTP health check, a serving app, then its replacement. */
@QuarkusTest
class FallbackDeploymentTest {
    static final String SECRET = "s3cr3t-Token-4711";

    @Inject
    AppInstances instances;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopApps() {
        Api.cleanUp();
    }

    @Test
    void deploysAPythonAppInFallbackModeStepByStepThenTheNextDeploymentReplacesIt() throws Exception {
        Api.cancelAllUnfinished();
        Path dir = PythonWebApp.fresh();
        int port = PythonWebApp.freePort();
        Api.registerPyApp("hello-fallback", dir, port, 60);

        Response accepted = Api.deploy(
                OPERATOR,
                Map.of(
                        "app",
                        "hello-fallback",
                        "mode",
                        "fallback",
                        "environment",
                        "test",
                        "timeout",
                        180,
                        "config",
                        Map.of(
                                "environment_variables",
                                Map.of("PORT", Integer.toString(port), "SECRET_TOKEN", SECRET),
                                "profile",
                                "development"),
                        "metadata",
                        Map.of("initiated_by", "user_12345")));
        assertEquals(202, accepted.statusCode(), accepted.asString());
        String id = accepted.path("deployment_id");
        assertTrue(id.matches("fallback_\\d{8}_\\d{6}_[0-9a-f]{8}"), id);
        assertEquals("accepted", accepted.path("status"));
        assertEquals("fallback", accepted.path("mode"));
        assertEquals("/api/deployments/" + id + "/progress", accepted.path("progress_url"));
        assertEquals("/api/deployments/" + id + "/logs", accepted.path("logs_url"));
        assertEquals("1.0.0", accepted.path("metadata.api_version"));
        assertEquals("user_12345", accepted.path("metadata.initiated_by"));
        assertEquals(60, (int) accepted.path("estimated_duration"));

        // watch it move: steps in order, progress never going back
        Set<String> stepsSeen = new LinkedHashSet<>();
        List<Double> progress = new ArrayList<>();
        String status = "accepted";
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (!Set.of("completed", "failed", "cancelled", "timed_out").contains(status)
                && System.nanoTime() < deadline) {
            JsonPath p = as(VIEWER).get("/api/deployments/" + id + "/progress").jsonPath();
            status = p.getString("status");
            if (p.getString("current_step") != null) {
                stepsSeen.add(p.getString("current_step"));
            }
            progress.add(p.getDouble("progress_percentage"));
            Thread.sleep(50);
        }
        assertEquals(
                "completed",
                status,
                as(VIEWER).get("/api/deployments/" + id + "/logs?limit=1000").asString());
        assertTrue(stepsSeen.containsAll(List.of("create venv", "health check")), stepsSeen.toString());
        // the order in which steps were observed is the order of the mode's step table
        List<String> seen = new ArrayList<>(stepsSeen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(order(seen.get(i)) > order(seen.get(i - 1)), "steps out of order: " + seen);
        }
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress went back: " + progress);
        }
        assertTrue(progress.stream().anyMatch(v -> v > 0 && v < 100), "no intermediate progress seen: " + progress);

        JsonPath finalProgress =
                as(VIEWER).get("/api/deployments/" + id + "/progress").jsonPath();
        assertEquals(100.0, finalProgress.getDouble("progress_percentage"));
        assertEquals(5, finalProgress.getInt("completed_steps"));
        assertEquals(5, finalProgress.getInt("total_steps"));
        assertEquals(
                List.of("completed", "completed", "completed", "completed", "completed"),
                finalProgress.getList("steps.status"));
        assertEquals(0, finalProgress.getInt("steps[1].exit_code"));

        JsonPath view = Api.status(id).jsonPath();
        assertEquals("***", view.getString("config.environment_variables.SECRET_TOKEN"));
        assertEquals("***", view.getString("config.environment_variables.PORT"));
        assertEquals("development", view.getString("config.profile"));
        assertFalse(view.getBoolean("is_active"));
        assertTrue(view.getBoolean("logs_available"));
        assertTrue(view.getDouble("duration_seconds") > 0);
        assertEquals("olga", view.getString("initiator"));
        assertFalse(Api.status(id).asString().contains(SECRET));

        // the app keeps serving after completed
        long firstPid = servingPid(port);
        assertTrue(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));

        // logs: offsets 0..n-1, real command output, secrets masked in the stored log
        JsonPath logs = as(VIEWER)
                .get("/api/deployments/" + id + "/logs?offset=0&limit=1000")
                .jsonPath();
        List<Integer> offsets = logs.getList("lines.offset", Integer.class);
        for (int i = 0; i < offsets.size(); i++) {
            assertEquals(i, offsets.get(i));
        }
        List<String> lines = logs.getList("lines.line");
        assertTrue(lines.stream().anyMatch(l -> l.contains("-m venv .venv")), lines.toString());
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("pip install --disable-pip-version-check -r requirements.txt")),
                lines.toString());
        assertTrue(lines.contains("starting with token ***"), lines.toString());
        assertTrue(lines.contains("token as base64 ***"), lines.toString());
        String b64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
        assertEquals(
                List.of(),
                TestDb.strings(
                        "SELECT line FROM deployment_logs WHERE line LIKE ? OR line LIKE ? OR line LIKE ?",
                        "%" + SECRET + "%",
                        "%" + b64 + "%",
                        "%" + b64.replace("=", "") + "%"));
        JsonPath page = as(VIEWER)
                .get("/api/deployments/" + id + "/logs?offset=2&limit=3")
                .jsonPath();
        assertEquals(List.of(2, 3, 4), page.getList("lines.offset", Integer.class));
        assertEquals(5, page.getInt("next_offset"));
        assertTrue(page.getBoolean("has_more"));

        // secrets encrypted at rest
        String stored = TestDb.strings("SELECT env_secret FROM deployments WHERE id = ?", id)
                .get(0);
        assertTrue(stored.matches("[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+"), stored);
        assertFalse(stored.contains(SECRET));
        assertEquals(
                List.of(),
                TestDb.strings(
                        "SELECT id FROM deployments WHERE metadata::text LIKE ? OR env_names::text LIKE ?",
                        "%" + SECRET + "%",
                        "%" + SECRET + "%"));

        // every transition went through the outbox, and the relay published them
        List<String> types =
                TestDb.strings("SELECT headers->>'ce_type' FROM outbox WHERE record_key = ? ORDER BY id", id);
        assertEquals("dev.opsuite.deployment.accepted.v1", types.get(0));
        assertEquals("dev.opsuite.deployment.finished.v1", types.get(types.size() - 1));
        assertEquals(
                5,
                types.stream()
                        .filter(t -> t.equals("dev.opsuite.deployment.step_started.v1"))
                        .count());
        assertEquals(
                5,
                types.stream()
                        .filter(t -> t.equals("dev.opsuite.deployment.step_finished.v1"))
                        .count());
        assertEquals(
                5,
                types.stream()
                        .filter(t -> t.equals("dev.opsuite.deployment.progressed.v1"))
                        .count());
        waitUntilPublished(id);

        // a second deployment replaces the first instance
        Response second = Api.deploy(
                OPERATOR,
                Map.of(
                        "app",
                        "hello-fallback",
                        "mode",
                        "fallback",
                        "environment",
                        "test",
                        "config",
                        Map.of(
                                "environment_variables",
                                Map.of("PORT", Integer.toString(port), "SECRET_TOKEN", SECRET))));
        assertEquals(202, second.statusCode(), second.asString());
        String id2 = second.path("deployment_id");
        assertEquals(
                "completed",
                Api.waitFor(id2, Set.of("completed", "failed", "timed_out", "cancelled"), Duration.ofSeconds(120)));
        long secondPid = servingPid(port);
        assertNotEquals(firstPid, secondPid);
        assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false), "old instance still alive");
        assertEquals(
                secondPid,
                instances.current("hello-fallback", "test").orElseThrow().pid());
        assertTrue(Api.as(VIEWER)
                .get("/api/deployments/" + id2 + "/logs?limit=1000")
                .asString()
                .contains("reusing the existing virtual environment"));

        instances.stop("hello-fallback", "test");
        assertFalse(ProcessHandle.of(secondPid).map(ProcessHandle::isAlive).orElse(false));
    }

    private static int order(String step) {
        return List.of("check environment", "create venv", "install dependencies", "start", "health check")
                .indexOf(step);
    }

    private long servingPid(int port) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("ok pid="), r.body());
        return Long.parseLong(r.body().substring("ok pid=".length()));
    }

    private static void waitUntilPublished(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (TestDb.strings("SELECT id FROM outbox WHERE record_key = ? AND published_at IS NULL", id)
                    .isEmpty()) {
                return;
            }
            Api.sleep(200);
        }
        throw new AssertionError("outbox rows of " + id + " not published");
    }
}
