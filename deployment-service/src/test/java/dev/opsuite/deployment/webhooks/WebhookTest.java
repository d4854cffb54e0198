package dev.opsuite.deployment.webhooks;

import static dev.opsuite.deployment.support.Api.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.process.AppInstances;
import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Standard Webhooks: signed, retried on 5xx/timeouts only, redirects not followed, unsafe URLs refused, never slowing a deployment. */
@QuarkusTest
class WebhookTest {
    @Inject
    AppInstances instances;

    @AfterEach
    void cleanUp() {
        Api.cleanUp();
        instances.stop("hooked", "hooks");
    }

    /** Verifies a delivery the way a receiver would (own code, not the service's signer). */
    static boolean signatureValid(String secret, WebhookReceiver.Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body();
        String expected =
                "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return List.of(r.headers().get("webhook-signature").split(" ")).contains(expected);
    }

    String deploy(String secretHolder[], String callback) {
        Response app = Api.registerApp(
                "hooked", Map.of("source_path", PythonWebApp.shared().toString(), "start_command", "python app.py"));
        secretHolder[0] = app.path("webhook_secret");
        Response r = Api.deploy(
                OPERATOR,
                Map.of(
                        "app",
                        "hooked",
                        "mode",
                        "fallback",
                        "environment",
                        "hooks",
                        "skip_health_check",
                        true,
                        "callback_url",
                        callback,
                        "config",
                        Map.of("environment_variables", Map.of("PORT", Integer.toString(PythonWebApp.freePort())))));
        assertEquals(202, r.statusCode(), r.asString());
        return r.path("deployment_id");
    }

    @Test
    void signedDeliveriesAreRetriedAfter5xxWithTheSameIdAndLogged() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver(r ->
                calls.incrementAndGet() == 1 ? new WebhookReceiver.Reply(503, 0, null) : WebhookReceiver.Reply.ok())) {
            String[] secret = new String[1];
            String id = deploy(secret, receiver.url("/hook"));
            assertEquals(
                    "completed",
                    Api.waitFor(id, Set.of("completed", "failed", "cancelled", "timed_out"), Duration.ofSeconds(60)));
            waitUntil(
                    () -> receiver.received.stream().anyMatch(r -> r.body().contains("\"deployment.completed\"")), 20);

            for (WebhookReceiver.Received r : receiver.received) {
                assertTrue(signatureValid(secret[0], r), "bad signature on " + r);
                assertTrue(r.headers().get("webhook-id").startsWith("msg_"));
                long ts = Long.parseLong(r.headers().get("webhook-timestamp"));
                assertTrue(Math.abs(System.currentTimeMillis() / 1000 - ts) < 120);
                assertEquals("application/json", r.headers().get("content-type"));
            }
            // the 503 was retried with the same webhook-id
            WebhookReceiver.Received first = receiver.received.get(0);
            assertTrue(receiver.received.stream()
                    .skip(1)
                    .anyMatch(r ->
                            r.headers().get("webhook-id").equals(first.headers().get("webhook-id"))));

            JsonPath completed = JsonPath.from(receiver.received.stream()
                    .filter(r -> r.body().contains("\"deployment.completed\""))
                    .findFirst()
                    .orElseThrow()
                    .body());
            assertEquals(id, completed.getString("data.deployment_id"));
            assertEquals("completed", completed.getString("data.status"));
            assertEquals(100.0, completed.getDouble("data.progress_percentage"));
            assertTrue(receiver.received.stream().anyMatch(r -> r.body().contains("\"deployment.progress\"")));

            waitUntil(
                    () -> Api.as(OPERATOR)
                            .get("/api/deployments/" + id + "/deliveries")
                            .jsonPath()
                            .getList("outcome")
                            .contains("delivered"),
                    10);
            JsonPath log = Api.as(OPERATOR)
                    .get("/api/deployments/" + id + "/deliveries")
                    .jsonPath();
            Map<String, Object> failed = log.getMap("find { it.status_code == 503 }");
            assertEquals("retry", failed.get("outcome"));
            assertEquals(1, ((Number) failed.get("attempt")).intValue());
            assertTrue(((Number) failed.get("duration_ms")).longValue() >= 0);
            String retriedId = (String) failed.get("webhook_id");
            String sameIdPath = "findAll { it.webhook_id == '" + retriedId + "' }";
            waitUntil(
                    () -> Api.as(OPERATOR)
                                    .get("/api/deployments/" + id + "/deliveries")
                                    .jsonPath()
                                    .getList(sameIdPath)
                                    .size()
                            == 2,
                    10);
            List<Map<String, Object>> sameId = Api.as(OPERATOR)
                    .get("/api/deployments/" + id + "/deliveries")
                    .jsonPath()
                    .getList(sameIdPath);
            assertEquals(2, ((Number) sameId.get(1).get("attempt")).intValue());
            assertEquals(200, ((Number) sameId.get(1).get("status_code")).intValue());
            assertEquals("delivered", sameId.get(1).get("outcome"));
            assertEquals(
                    403,
                    Api.as(Api.VIEWER)
                            .get("/api/deployments/" + id + "/deliveries")
                            .statusCode());
        }
    }

    @Test
    void slowReceiversTimeOutWithoutDelayingTheDeploymentAnd4xxIsNotRetried() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(r -> r.body().contains("\"deployment.completed\"")
                ? new WebhookReceiver.Reply(404, 0, null)
                : new WebhookReceiver.Reply(200, 5000, null))) {
            String[] secret = new String[1];
            long started = System.nanoTime();
            String id = deploy(secret, receiver.url("/slow"));
            assertEquals(
                    "completed",
                    Api.waitFor(id, Set.of("completed", "failed", "cancelled", "timed_out"), Duration.ofSeconds(60)));
            double duration = Api.status(id).jsonPath().getDouble("duration_seconds");
            assertTrue(
                    duration < 15,
                    "deployment took " + duration + " s with a receiver that needs 5 s for each of its 6+ calls");
            waitUntil(
                    () -> Api.as(OPERATOR)
                            .get("/api/deployments/" + id + "/deliveries")
                            .asString()
                            .contains("timed out"),
                    20);
            waitUntil(
                    () -> Api.as(OPERATOR)
                            .get("/api/deployments/" + id + "/deliveries")
                            .jsonPath()
                            .getList("status_code")
                            .contains(404),
                    20);
            JsonPath log = Api.as(OPERATOR)
                    .get("/api/deployments/" + id + "/deliveries")
                    .jsonPath();
            List<Map<String, Object>> completed = log.getList("findAll { it.event_type == 'deployment.completed' }");
            assertEquals(1, completed.size(), completed.toString());
            assertEquals("failed", completed.get(0).get("outcome"));
            Api.sleep(1500);
            assertEquals(
                    1,
                    receiver.received.stream()
                            .filter(r -> r.body().contains("\"deployment.completed\""))
                            .count());
        }
    }

    @Test
    void aPerDeploymentSecretSignsInsteadOfTheAppSecretAndIsNeverShown() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(r -> WebhookReceiver.Reply.ok())) {
            Response app = Api.registerApp(
                    "hooked",
                    Map.of("source_path", PythonWebApp.shared().toString(), "start_command", "python app.py"));
            String appSecret = app.path("webhook_secret");
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            String own = "whsec_" + Base64.getEncoder().encodeToString(key);
            Response short1 = Api.deploy(
                    OPERATOR,
                    Map.of(
                            "app",
                            "hooked",
                            "mode",
                            "fallback",
                            "callback_url",
                            receiver.url("/own"),
                            "webhook_secret",
                            "whsec_" + Base64.getEncoder().encodeToString(new byte[8])));
            assertEquals(400, short1.statusCode(), short1.asString());
            Response r = Api.deploy(
                    OPERATOR,
                    Map.of(
                            "app",
                            "hooked",
                            "mode",
                            "fallback",
                            "environment",
                            "hooks",
                            "skip_health_check",
                            true,
                            "callback_url",
                            receiver.url("/own"),
                            "webhook_secret",
                            own,
                            "config",
                            Map.of(
                                    "environment_variables",
                                    Map.of("PORT", Integer.toString(PythonWebApp.freePort())))));
            assertEquals(202, r.statusCode(), r.asString());
            String id = r.path("deployment_id");
            Api.waitFor(id, Set.of("completed", "failed", "cancelled", "timed_out"), Duration.ofSeconds(60));
            waitUntil(
                    () -> receiver.received.stream().anyMatch(x -> x.body().contains("\"deployment.completed\"")), 20);
            for (WebhookReceiver.Received x : receiver.received) {
                assertTrue(signatureValid(own, x));
                assertTrue(!signatureValid(appSecret, x));
            }
            assertTrue(!Api.status(id).asString().contains(own));
            assertTrue(!r.asString().contains(own));
        }
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        try (WebhookReceiver target = new WebhookReceiver(r -> WebhookReceiver.Reply.ok());
                WebhookReceiver redirecting =
                        new WebhookReceiver(r -> new WebhookReceiver.Reply(307, 0, target.url("/elsewhere")))) {
            String[] secret = new String[1];
            String id = deploy(secret, redirecting.url("/hook"));
            Api.waitFor(id, Set.of("completed", "failed", "cancelled", "timed_out"), Duration.ofSeconds(60));
            waitUntil(
                    () -> Api.as(OPERATOR)
                            .get("/api/deployments/" + id + "/deliveries")
                            .asString()
                            .contains("redirect not followed"),
                    20);
            Api.sleep(1000);
            assertEquals(List.of(), target.received);
        }
    }

    @Test
    void unsafeCallbackUrlsAreRefusedWith422() {
        Api.registerApp(
                "hooked", Map.of("source_path", PythonWebApp.shared().toString(), "start_command", "python app.py"));
        for (String url : List.of(
                "http://10.1.2.3/hook",
                "https://169.254.169.254/latest",
                "https://localhost/hook",
                "https://[::1]/hook",
                "https://100.64.0.1/x",
                "https://167772161/x",
                "https://0x0a.1/x",
                "http://example.com/hook",
                "ftp://example.com/x")) {
            Response r = Api.deploy(OPERATOR, Map.of("app", "hooked", "mode", "fallback", "callback_url", url));
            assertEquals(422, r.statusCode(), url + " -> " + r.asString());
            assertEquals("unsafe_url", r.path("code"), url);
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Api.sleep(100);
        }
        throw new AssertionError("condition not met within " + seconds + " s");
    }
}
