package dev.opsuite.deployment.flow;

import static dev.opsuite.deployment.support.Api.ADMIN;
import static dev.opsuite.deployment.support.Api.OPERATOR;
import static dev.opsuite.deployment.support.Api.VIEWER;
import static dev.opsuite.deployment.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a running app leaves behind: its raw output file holds no secret in any common encoding and
 * only the service can read it; the API never tells where it is; the served log masks every encoding;
 * and removing the app stops what runs it (it used to be left running, unmanaged).
 */
@QuarkusTest
class AppOutputAndRemovalTest {
    static final String SECRET = "Zq7-secret-Token-0815";

    @ConfigProperty(name = "opsuite.deployment.state-dir")
    String stateDir;

    @AfterEach
    void stopApps() {
        Api.cleanUp();
    }

    @Test
    void rawOutputFileIsPrivateAndHoldsNoSecretInAnyEncoding() throws Exception {
        Api.cancelAllUnfinished();
        int port = PythonWebApp.freePort();
        Api.registerPyApp("secret-output", PythonWebApp.shared(), port, 60);
        String id = deploy("secret-output", port);
        assertEquals("completed", Api.waitFor(id, Set.of("completed", "failed"), Duration.ofSeconds(120)), logs(id));

        Path file = Path.of(stateDir, "instances", "secret-output", "test", id + ".log");
        String raw = Files.readString(file);
        assertTrue(raw.contains("starting with token ***"), raw);
        assertTrue(raw.contains("token as hex ***"), raw);
        for (String form : forms(SECRET)) {
            assertFalse(raw.contains(form), "the raw output file holds the secret as " + form);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        for (Path dir = file.getParent(); !dir.endsWith("deployment-state"); dir = dir.getParent()) {
            assertEquals(
                    "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        }

        String served = logs(id);
        assertTrue(served.contains("token as hex ***"), served);
        assertTrue(served.contains("token as base64url ***"), served);
        for (String form : forms(SECRET)) {
            assertFalse(served.contains(form), "the served log holds the secret as " + form);
        }
        assertFalse(served.contains(stateDir), "the API discloses where the raw output is kept");
        assertFalse(served.contains(".log"), served);
    }

    @Test
    void removingAnAppStopsItsInstanceAndIsRefusedWhileItDeploys() throws Exception {
        Api.cancelAllUnfinished();
        int port = PythonWebApp.freePort();
        Api.registerPyApp("removed-app", PythonWebApp.shared(), port, 60);
        String first = deploy("removed-app", port);
        assertEquals(
                "completed", Api.waitFor(first, Set.of("completed", "failed"), Duration.ofSeconds(120)), logs(first));
        long pid = Long.parseLong(Api.instancePid("removed-app", "test"));
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the app is not running");

        String second = deploy("removed-app", port);
        Response refused = as(ADMIN).delete("/api/deployment/apps/removed-app");
        assertEquals(409, refused.statusCode(), refused.asString());
        assertEquals("deployment_in_progress", refused.path("code"));
        assertEquals(List.of(second), refused.path("details.deployments"));
        Api.waitFor(second, Set.of("completed", "failed"), Duration.ofSeconds(120));
        long servingPid = Long.parseLong(Api.instancePid("removed-app", "test"));

        assertEquals(204, as(ADMIN).delete("/api/deployment/apps/removed-app").statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ProcessHandle.of(servingPid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(
                ProcessHandle.of(servingPid).map(ProcessHandle::isAlive).orElse(false),
                "the removed app's process is still running");
        assertEquals(404, as(VIEWER).get("/api/deployment/apps/removed-app").statusCode());
    }

    private static String deploy(String app, int port) {
        Response accepted = Api.deploy(
                OPERATOR,
                Map.of(
                        "app",
                        app,
                        "mode",
                        "fallback",
                        "environment",
                        "test",
                        "timeout",
                        120,
                        "config",
                        Map.of(
                                "environment_variables",
                                Map.of("PORT", Integer.toString(port), "SECRET_TOKEN", SECRET))));
        assertEquals(202, accepted.statusCode(), accepted.asString());
        return accepted.path("deployment_id");
    }

    private static String logs(String id) {
        return as(VIEWER).get("/api/deployments/" + id + "/logs?limit=1000").asString();
    }

    private static List<String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(bytes);
        return List.of(
                secret,
                Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                hex,
                hex.toUpperCase(Locale.ROOT),
                URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }
}
