package dev.opsuite.deployment.modes;

import static dev.opsuite.deployment.support.Api.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.process.AppInstances;
import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docker and uv command sequences, verified with recording stand-in executables on the tool path. */
@QuarkusTest
@TestProfile(StandInToolsProfile.class)
class StandInModesTest {
    @Inject
    AppInstances instances;

    @Inject
    ModeAvailability availability;

    @BeforeEach
    void reset() throws IOException {
        Api.cancelAllUnfinished();
        availability.refresh();
        Files.deleteIfExists(StandInToolsProfile.RECORD);
    }

    @AfterEach
    void cleanUp() {
        Api.cleanUp();
        instances.stop("uv-app", "staging");
    }

    static List<String> recorded() throws IOException {
        return Files.exists(StandInToolsProfile.RECORD) ? Files.readAllLines(StandInToolsProfile.RECORD) : List.of();
    }

    static Path composeApp() throws IOException {
        Path dir = Files.createTempDirectory("opsuite-compose-");
        Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  web:\n    image: nginx:alpine\n");
        return dir;
    }

    @Test
    void dockerModeRunsTheComposeSequenceWithRecordingStandIns() throws IOException {
        Path dir = composeApp();
        Api.registerApp("web-app", Map.of("source_path", dir.toString()));
        Response r = Api.deploy(
                OPERATOR, Map.of("app", "web-app", "mode", "auto", "environment", "staging", "force_rebuild", true));
        assertEquals(202, r.statusCode(), r.asString());
        assertEquals("docker", r.path("mode"));
        assertEquals(300, (int) r.path("estimated_duration"));
        String id = r.path("deployment_id");
        assertEquals(
                "completed",
                Api.waitFor(id, Set.of("completed", "failed", "cancelled", "timed_out"), Duration.ofSeconds(30)));
        String compose = "docker compose -f " + dir.resolve("docker-compose.yml") + " -p opsuite-web-app-staging ";
        assertEquals(
                List.of(
                        "docker info",
                        compose + "config --quiet",
                        compose + "pull",
                        compose + "build --no-cache",
                        compose + "up -d --remove-orphans",
                        compose + "ps --format json"),
                recorded());
        List<String> steps = Api.as(Api.VIEWER)
                .get("/api/deployments/" + id + "/progress")
                .jsonPath()
                .getList("steps.name");
        assertEquals(List.of("check environment", "validate compose", "pull", "build", "up", "wait healthy"), steps);
        assertTrue(Api.as(Api.VIEWER)
                .get("/api/deployments/" + id + "/logs?limit=500")
                .asString()
                .contains("Container web Started"));
    }

    @Test
    void cancellingADockerDeploymentKillsTheStepAndBringsTheProjectDownWithRecordingStandIns() throws Exception {
        Path dir = composeApp();
        Api.registerApp("web-app", Map.of("source_path", dir.toString()));
        Response r = Api.deploy(
                OPERATOR,
                Map.of(
                        "app",
                        "web-app",
                        "mode",
                        "docker",
                        "environment",
                        "staging",
                        "config",
                        Map.of("environment_variables", Map.of("STANDIN_SLOW", "1"))));
        String id = r.path("deployment_id");
        Api.waitForStep(id, "pull", Duration.ofSeconds(30));
        Api.sleep(500);
        List<ProcessHandle> sleepers = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 600"))
                .toList();
        assertTrue(sleepers.size() >= 2, "stand-in children not found");
        assertEquals(
                "cancelled",
                Api.as(OPERATOR).post("/api/deployments/" + id + "/cancel").path("status"));
        sleepers.forEach(p -> assertFalse(p.isAlive(), "pid " + p.pid() + " survived"));
        String compose = "docker compose -f " + dir.resolve("docker-compose.yml") + " -p opsuite-web-app-staging ";
        assertEquals(
                compose + "down --remove-orphans", recorded().get(recorded().size() - 1));
    }

    @Test
    void uvModeRunsVenvAndLockedSyncThenStartsTheAppWithRecordingStandIns() throws Exception {
        Path dir = PythonWebApp.fresh();
        Files.writeString(dir.resolve("pyproject.toml"), "[project]\nname = \"hello\"\nversion = \"0.1.0\"\n");
        Files.writeString(dir.resolve("uv.lock"), "version = 1\n");
        int port = PythonWebApp.freePort();
        Api.registerPyApp("uv-app", dir, port, 30);
        Response r = Api.deploy(
                OPERATOR,
                Map.of(
                        "app",
                        "uv-app",
                        "mode",
                        "auto",
                        "environment",
                        "staging",
                        "config",
                        Map.of("environment_variables", Map.of("PORT", Integer.toString(port)))));
        assertEquals(202, r.statusCode(), r.asString());
        assertEquals("uv", r.path("mode"));
        String id = r.path("deployment_id");
        assertEquals(
                "completed",
                Api.waitFor(id, Set.of("completed", "failed", "cancelled", "timed_out"), Duration.ofSeconds(60)));
        assertEquals(List.of("uv --version", "uv venv .venv", "uv sync --locked"), recorded());
        var body = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        assertTrue(body.startsWith("ok pid="), body);
        long pid = Long.parseLong(body.substring(7));
        // the app runs from the venv the uv step created
        assertTrue(
                ProcessHandle.of(pid).orElseThrow().info().command().orElse("").contains("python"));
    }

    @Test
    void healthReportsTheStandInsAsAvailableWithTheirVersions() {
        var h = Api.as(Api.VIEWER).get("/api/deployment/health").jsonPath();
        assertEquals("available", h.getString("deployment_managers.docker.status"));
        assertEquals("27.3.1", h.getString("deployment_managers.docker.version"));
        assertEquals("available", h.getString("deployment_managers.uv.status"));
        assertEquals("0.5.11 (stand-in)", h.getString("deployment_managers.uv.version"));
    }
}
