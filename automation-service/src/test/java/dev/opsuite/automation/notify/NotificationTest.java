package dev.opsuite.automation.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Signed webhooks on task start and failure, delivered to a real HTTP receiver on loopback. */
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
}
