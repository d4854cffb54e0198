package dev.opsuite.l10n.api;

import static dev.opsuite.l10n.support.Api.operator;
import static dev.opsuite.l10n.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.opsuite.l10n.support.Api;
import dev.opsuite.l10n.support.Kafka;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookAndEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Delivery(Map<String, String> headers, String body) {}

    @Test
    void translationChangesReachASignedWebhookAndTheEventTopic() throws Exception {
        LinkedBlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Delivery(
                    Map.of(
                            "id", ex.getRequestHeaders().getFirst("webhook-id"),
                            "ts", ex.getRequestHeaders().getFirst("webhook-timestamp"),
                            "sig", ex.getRequestHeaders().getFirst("webhook-signature")),
                    body));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        String locale = "w" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_zz";
        try (Kafka.Reader events = Kafka.reader("l10n.events.v1")) {
            var created = Api.admin()
                    .contentType("application/json")
                    .body(Map.of(
                            "url",
                            "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                            "events",
                            List.of("translations.changed"),
                            "locale",
                            locale))
                    .post("/api/v6/webhooks");
            created.then().statusCode(201).body("secret", startsWith("whsec_")).body("uid", startsWith("hook_"));
            String secret = created.path("secret");
            Api.admin()
                    .get("/api/v6/webhooks")
                    .then()
                    .statusCode(200)
                    .body("find { it.uid == '" + created.path("uid") + "' }.secret", equalTo(null));
            String mod = Api.createMod(unique("hook").replace('-', '_'));
            String file = Api.createFile(mod, locale);
            Api.importFile(file, "{\"hook.key\":\"钩子\"}", "as=translation")
                    .then()
                    .statusCode(200);
            Delivery d = received.poll(20, TimeUnit.SECONDS);
            assertTrue(d != null, "no webhook delivery");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1,"
                    + Base64.getEncoder()
                            .encodeToString(mac.doFinal(
                                    (d.headers().get("id") + "." + d.headers().get("ts") + "." + d.body())
                                            .getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, d.headers().get("sig"));
            JsonNode body = JSON.readTree(d.body());
            assertEquals("translations.changed", body.get("type").asText());
            assertEquals(file, body.get("data").get("language_file_uid").asText());
            assertEquals(1, body.get("data").get("entry_count").asInt());
            Kafka.Event e = events.await(
                    ev -> ev.type().equals("dev.opsuite.l10n.translations_changed.v1")
                            && ev.subject().equals(file),
                    Duration.ofSeconds(20));
            assertEquals(locale, e.payload().getTranslationsChanged().getLocale());
            assertEquals(1, e.payload().getTranslationsChanged().getEntryCount());
            assertEquals("import", e.payload().getTranslationsChanged().getSource());
            assertEquals(file, e.key());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void webhookUrlsToInternalAddressesAreRefused() {
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.5/x",
                "http://[::1]:8080/x",
                "ftp://example.com/x",
                "http://user:pw@example.com/")) {
            Api.admin()
                    .contentType("application/json")
                    .body(Map.of("url", url))
                    .post("/api/v6/webhooks")
                    .then()
                    .statusCode(400)
                    .body("details.field", equalTo("url"));
        }
        operator()
                .contentType("application/json")
                .body(Map.of("url", "http://127.0.0.1:1/x"))
                .post("/api/v6/webhooks")
                .then()
                .statusCode(403);
    }
}
