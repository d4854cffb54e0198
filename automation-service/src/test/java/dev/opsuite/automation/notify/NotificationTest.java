package dev.opsuite.automation.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signed webhooks on task start and failure, delivered (and retried) to a real HTTP receiver on loopback. */
@QuarkusTest
class NotificationTest {
    record Delivery(String id, String timestamp, String signature, String body) {}

    @Test
    void startAndFailureArePostedSignedToMatchingSubscriptionsOnly() throws Exception {
        List<Delivery> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Delivery(
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            Api.enableAll();
            Nodes.cluster("notify-lab", Nodes.shared(1));
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            Response created = Api.created(Api.admin()
                    .body(Map.of(
                            "name",
                            "ssh-hook-" + System.nanoTime(),
                            "url",
                            url,
                            "kind",
                            "ssh",
                            "events",
                            List.of("started", "failed")))
                    .post("/api/v1/automation/notifications"));
            String secret = created.path("data.secret");
            assertTrue(secret.startsWith("whsec_"));
            long id = created.<Integer>path("data.id");
            Api.created(Api.admin()
                    .body(Map.of("name", "script-hook-" + System.nanoTime(), "url", url, "kind", "script"))
                    .post("/api/v1/automation/notifications"));
            assertFalse(
                    Api.admin()
                            .get("/api/v1/automation/notifications")
                            .asString()
                            .contains(secret),
                    "the secret is shown once");
            assertEquals(
                    422,
                    Api.admin()
                            .body(Map.of("name", "meta-" + System.nanoTime(), "url", "http://169.254.169.254/latest"))
                            .post("/api/v1/automation/notifications")
                            .statusCode());

            String task = Api.ok(Api.operator()
                            .body(Map.of(
                                    "cluster_name",
                                    "notify-lab",
                                    "target_nodes",
                                    List.of("node1"),
                                    "credential_id",
                                    Nodes.credential(),
                                    "command",
                                    "exit 3"))
                            .post("/api/v1/automation/ssh/execute"))
                    .path("data.task_id");
            Api.waitDone("ssh", task);
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (received.size() < 2 && System.nanoTime() < deadline) {
                Api.sleep(100);
            }
            assertEquals(2, received.size(), received.toString());
            assertTrue(
                    received.get(0).body().contains("\"type\":\"automation.task.started\""),
                    received.get(0).body());
            assertTrue(
                    received.get(1).body().contains("\"type\":\"automation.task.failed\""),
                    received.get(1).body());
            assertTrue(received.get(1).body().contains("\"task_id\":\"" + task + "\""));
            for (Delivery d : received) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
                String expected = "v1,"
                        + Base64.getEncoder()
                                .encodeToString(mac.doFinal((d.id() + "." + d.timestamp() + "." + d.body())
                                        .getBytes(StandardCharsets.UTF_8)));
                assertEquals(expected, d.signature(), "bad Standard Webhooks signature");
            }
            Api.ok(Api.admin().delete("/api/v1/automation/notifications/" + id));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusedDeliveryIsStoredAndRetriedWithBackoffUnderTheSameWebhookIdUntilTheReceiverTakesIt() throws Exception {
        List<Delivery> received = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/flaky", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Delivery(
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    body));
            arrivals.add(System.nanoTime());
            // down for the first three attempts, then back
            exchange.sendResponseHeaders(received.size() <= 3 ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
        try {
            Api.enableAll();
            Nodes.cluster("notify-retry-lab", Nodes.shared(1));
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/flaky";
            Response created = Api.created(Api.admin()
                    .body(Map.of(
                            "name",
                            "flaky-hook-" + System.nanoTime(),
                            "url",
                            url,
                            "kind",
                            "ssh",
                            "events",
                            List.of("succeeded")))
                    .post("/api/v1/automation/notifications"));
            long id = created.<Integer>path("data.id");
            String secret = created.path("data.secret");
            String task = Api.ok(Api.operator()
                            .body(Map.of(
                                    "cluster_name",
                                    "notify-retry-lab",
                                    "target_nodes",
                                    List.of("node1"),
                                    "credential_id",
                                    Nodes.credential(),
                                    "command",
                                    "true"))
                            .post("/api/v1/automation/ssh/execute"))
                    .path("data.task_id");
            Api.waitDone("ssh", task);

            // after the first refusal the delivery is a stored row, pending, with the error and its next attempt
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Api.sleep(50);
            }
            Response pending = Api.ok(Api.admin().get("/api/v1/automation/notifications/" + id + "/deliveries"));
            while (pending.path("data[0].last_error") == null && System.nanoTime() < deadline) {
                Api.sleep(50);
                pending = Api.ok(Api.admin().get("/api/v1/automation/notifications/" + id + "/deliveries"));
            }
            assertEquals(1, pending.<List<?>>path("data").size(), pending.asString());
            assertEquals("pending", pending.path("data[0].status"), pending.asString());
            assertEquals(task, pending.path("data[0].task_id"));
            assertEquals("succeeded", pending.path("data[0].event"));
            assertTrue(pending.<Integer>path("data[0].attempts") >= 1, pending.asString());
            assertEquals("the receiver answered HTTP 503", pending.path("data[0].last_error"));
            assertNotNull(pending.path("data[0].next_attempt_at"));

            deadline = System.nanoTime() + 30_000_000_000L;
            while (received.size() < 4 && System.nanoTime() < deadline) {
                Api.sleep(100);
            }
            assertEquals(4, received.size(), received.toString());
            String webhookId = received.get(0).id();
            for (Delivery d : received) {
                assertEquals(webhookId, d.id(), "every attempt carries the same webhook-id");
                assertEquals(received.get(0).body(), d.body());
                assertEquals(expectedSignature(secret, d), d.signature(), "bad Standard Webhooks signature");
            }
            assertTrue(received.get(0).body().contains("\"task_id\":\"" + task + "\""));
            // back-off 1 s, 2 s, 4 s between the attempts (the dispatcher looks every second)
            for (int i = 1; i < arrivals.size(); i++) {
                long gapMs = (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000;
                long backoffMs = 1000L << (i - 1);
                assertTrue(gapMs >= backoffMs - 100, "attempt " + (i + 1) + " came " + gapMs + " ms after the last");
            }

            Api.sleep(500);
            Response done = Api.ok(Api.admin().get("/api/v1/automation/notifications/" + id + "/deliveries"));
            assertEquals("delivered", done.path("data[0].status"), done.asString());
            assertEquals(4, (int) done.path("data[0].attempts"));
            assertEquals(webhookId, done.path("data[0].webhook_id"));
            assertNull(done.path("data[0].last_error"));
            assertNull(done.path("data[0].next_attempt_at"));
            assertNotNull(done.path("data[0].finished_at"));
            assertEquals(
                    1,
                    Api.ok(Api.admin().get("/api/v1/automation/notifications/" + id + "/deliveries?status=delivered"))
                            .<List<?>>path("data")
                            .size());
            assertEquals(
                    0,
                    Api.ok(Api.admin().get("/api/v1/automation/notifications/" + id + "/deliveries?status=pending"))
                            .<List<?>>path("data")
                            .size());
            Response bad = Api.admin().get("/api/v1/automation/notifications/" + id + "/deliveries?status=lost");
            assertEquals(400, bad.statusCode(), bad.asString());
            assertEquals(
                    404,
                    Api.admin()
                            .get("/api/v1/automation/notifications/999999/deliveries")
                            .statusCode());
            Api.ok(Api.admin().delete("/api/v1/automation/notifications/" + id));
        } finally {
            server.stop(0);
        }
    }

    static String expectedSignature(String secret, Delivery d) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(mac.doFinal(
                                (d.id() + "." + d.timestamp() + "." + d.body()).getBytes(StandardCharsets.UTF_8)));
    }
}
