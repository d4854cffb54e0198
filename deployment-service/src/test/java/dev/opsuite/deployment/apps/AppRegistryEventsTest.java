package dev.opsuite.deployment.apps;

import static dev.opsuite.deployment.support.Api.ADMIN;
import static dev.opsuite.deployment.support.Api.VIEWER;
import static dev.opsuite.deployment.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.support.PyApp;
import dev.opsuite.deployment.support.TestDb;
import dev.opsuite.events.v1.DeploymentEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The app registry on Hibernate Reactive: each change commits with exactly one event on
 * deployment.events.v1 (outbox row, same transaction), refused changes leave none, the start command
 * is stored as a jsonb array, and the webhook secret never travels in an event.
 */
@QuarkusTest
class AppRegistryEventsTest {

    record Stored(String type, String subject, DeploymentEvent event, byte[] payload) {}

    private static String uniqueName() {
        return "evt-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<Stored> events(String name) throws Exception {
        List<Stored> out = new ArrayList<>();
        try (Connection c = TestDb.connect();
                PreparedStatement ps =
                        c.prepareStatement("SELECT headers->>'ce_type', headers->>'ce_subject', payload FROM outbox "
                                + "WHERE topic = 'deployment.events.v1' AND record_key = ? ORDER BY id")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] payload = rs.getBytes(3);
                    out.add(new Stored(rs.getString(1), rs.getString(2), DeploymentEvent.parseFrom(payload), payload));
                }
            }
        }
        return out;
    }

    private static Response register(String name, Object startCommand) {
        return as(ADMIN)
                .body(Map.of(
                        "name",
                        name,
                        "source_path",
                        PyApp.shared().toString(),
                        "start_command",
                        startCommand,
                        "health_url",
                        "http://127.0.0.1:9/health",
                        "health_timeout_seconds",
                        30))
                .post("/api/deployment/apps");
    }

    @Test
    void registerUpdateAndRemoveEachCommitOneEventWithTheDefinitionAndNeverTheSecret() throws Exception {
        String name = uniqueName();
        Response created = register(name, List.of("python", "app.py"));
        assertEquals(201, created.statusCode(), created.asString());
        String secret = created.path("webhook_secret");
        String stored = TestDb.strings("SELECT webhook_secret FROM apps WHERE name = ?", name)
                .get(0);

        List<Stored> afterRegister = events(name);
        assertEquals(1, afterRegister.size(), afterRegister.toString());
        Stored registered = afterRegister.get(0);
        assertEquals("dev.opsuite.deployment.app_registered.v1", registered.type());
        assertEquals(name, registered.subject());
        assertEquals(DeploymentEvent.KindCase.APP_REGISTERED, registered.event().getKindCase());
        assertEquals(name, registered.event().getApp());
        assertEquals("", registered.event().getDeploymentId());
        assertEquals("root", registered.event().getInitiator());
        var definition = registered.event().getAppRegistered().getDefinition();
        assertEquals(name, definition.getName());
        assertEquals(PyApp.shared().toString(), definition.getSourcePath());
        assertEquals(List.of("python", "app.py"), definition.getStartCommandList());
        assertEquals("http://127.0.0.1:9/health", definition.getHealthUrl());
        assertEquals(30, definition.getHealthTimeoutSeconds());

        Response updated = as(ADMIN)
                .body(Map.of(
                        "source_path",
                        PyApp.shared().toString(),
                        "start_command",
                        "python app.py --port 8000",
                        "health_timeout_seconds",
                        45,
                        "rotate_webhook_secret",
                        true))
                .put("/api/deployment/apps/" + name);
        assertEquals(200, updated.statusCode(), updated.asString());
        String rotated = updated.path("webhook_secret");
        assertTrue(rotated != null && !rotated.equals(secret), "a new secret is shown once");
        List<Stored> afterUpdate = events(name);
        assertEquals(2, afterUpdate.size());
        DeploymentEvent update = afterUpdate.get(1).event();
        assertEquals("dev.opsuite.deployment.app_updated.v1", afterUpdate.get(1).type());
        assertTrue(update.getAppUpdated().getWebhookSecretRotated());
        assertEquals(
                List.of("python", "app.py", "--port", "8000"),
                update.getAppUpdated().getDefinition().getStartCommandList());
        assertEquals(45, update.getAppUpdated().getDefinition().getHealthTimeoutSeconds());
        assertEquals("", update.getAppUpdated().getDefinition().getHealthUrl(), "health_url was left out: cleared");

        assertEquals(204, as(ADMIN).delete("/api/deployment/apps/" + name).statusCode());
        List<Stored> afterRemove = events(name);
        assertEquals(3, afterRemove.size());
        assertEquals("dev.opsuite.deployment.app_removed.v1", afterRemove.get(2).type());
        assertEquals(name, afterRemove.get(2).event().getAppRemoved().getName());
        assertEquals(0, afterRemove.get(2).event().getAppRemoved().getStoppedInstances());
        assertEquals(404, as(VIEWER).get("/api/deployment/apps/" + name).statusCode());

        for (Stored s : afterRemove) {
            String payload = new String(s.payload(), StandardCharsets.ISO_8859_1);
            for (String leak : List.of(secret, rotated, stored)) {
                assertFalse(payload.contains(leak), s.type() + " carries the webhook secret");
            }
        }
    }

    @Test
    void refusedChangesLeaveNoEvent() throws Exception {
        String name = uniqueName();
        assertEquals(201, register(name, "python app.py").statusCode());
        Response again = register(name, "python app.py");
        assertEquals(409, again.statusCode(), again.asString());
        assertEquals("app_exists", again.path("code"));
        Response invalid = as(ADMIN)
                .body(Map.of("source_path", "relative/path", "start_command", "python app.py"))
                .put("/api/deployment/apps/" + name);
        assertEquals(400, invalid.statusCode(), invalid.asString());
        assertEquals("must be an absolute path", invalid.path("details.source_path"));
        String missing = uniqueName();
        Response unknown =
                as(ADMIN).body(Map.of("source_path", PyApp.shared().toString())).put("/api/deployment/apps/" + missing);
        assertEquals(404, unknown.statusCode(), unknown.asString());
        assertEquals(404, as(ADMIN).delete("/api/deployment/apps/" + missing).statusCode());

        assertEquals(
                List.of("dev.opsuite.deployment.app_registered.v1"),
                events(name).stream().map(Stored::type).toList());
        assertTrue(events(missing).isEmpty());
        as(ADMIN).delete("/api/deployment/apps/" + name);
    }

    @Test
    void concurrentRegistrationsOfOneNameGiveOneAppOneEventAndConflictsForTheRest() throws Exception {
        String name = uniqueName();
        List<CompletableFuture<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(CompletableFuture.supplyAsync(() -> register(name, "python app.py")));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Response> a : attempts) {
            statuses.add(a.get().statusCode());
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1, events(name).size());
        as(ADMIN).delete("/api/deployment/apps/" + name);
    }

    @Test
    void aRegistrationThatLosesTheRaceToAnotherCommitIsAConflictNotAnError() throws Exception {
        String name = uniqueName();
        try (Connection other = TestDb.connect()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement(
                    "INSERT INTO apps (name, source_path, webhook_secret) VALUES (?, '/tmp', 'not-a-secret')")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            // the service does not see the uncommitted row: its own insert waits on the key, then fails
            CompletableFuture<Response> racing = CompletableFuture.supplyAsync(() -> register(name, "python app.py"));
            Thread.sleep(1500);
            assertFalse(racing.isDone(), "the service's insert should be waiting for the other transaction");
            other.commit();
            Response lost = racing.get();
            assertEquals(409, lost.statusCode(), lost.asString());
            assertEquals("app_exists", lost.path("code"));
        }
        assertTrue(events(name).isEmpty(), "the losing registration's event was rolled back with it");
        assertEquals(204, as(ADMIN).delete("/api/deployment/apps/" + name).statusCode());
    }

    @Test
    void startCommandIsStoredAsAJsonbArrayAndReadBackAsArgv() {
        String name = uniqueName();
        assertEquals(
                201, register(name, "python app.py --greeting 'hello world'").statusCode());
        assertEquals(
                List.of("array", "hello world"),
                List.of(
                        TestDb.strings("SELECT jsonb_typeof(start_command) FROM apps WHERE name = ?", name)
                                .get(0),
                        TestDb.strings("SELECT start_command->>3 FROM apps WHERE name = ?", name)
                                .get(0)));
        assertEquals(
                List.of("python", "app.py", "--greeting", "hello world"),
                as(VIEWER).get("/api/deployment/apps/" + name).jsonPath().getList("start_command"));
        as(ADMIN).delete("/api/deployment/apps/" + name);
    }
}
