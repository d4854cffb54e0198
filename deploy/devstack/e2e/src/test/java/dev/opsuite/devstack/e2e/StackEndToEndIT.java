package dev.opsuite.devstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.devstack.launcher.LaunchConfig;
import dev.opsuite.devstack.launcher.RepoRoot;
import dev.opsuite.devstack.launcher.StackLauncher;
import dev.opsuite.devstack.test.PythonWebApp;
import dev.opsuite.devstack.test.TestTokens;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Launches the packaged stack exactly as {@code make run} does (PostgreSQL, Kafka and the five
 * service jars as separate processes, on free ports) and drives it through the gateway with real
 * HTTP. The gateway signs with the devstack test key (its signing-key-location setting), so this
 * test can also present its tokens expired or tampered, correctly signed or not.
 */
class StackEndToEndIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static StackLauncher stack;
    static SlowUpstream slowUpstream;
    static HttpClient http;

    @BeforeAll
    static void launch() throws Exception {
        slowUpstream = new SlowUpstream();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(
                "OPSUITE_SERVICE_JAVA_OPTS",
                String.join(
                        " ",
                        "-Xmx384m",
                        "-Dopsuite.identity.signing-key-location=" + TestTokens.privateKeyFile(),
                        // a route added purely by configuration, to an upstream that streams slowly
                        "-Dopsuite.gateway.routes.e2e-stream.url=" + slowUpstream.url(),
                        "-Dopsuite.gateway.routes.e2e-stream.prefixes=/e2e-stream"));
        Path home = Path.of("target", "e2e-stack").toAbsolutePath();
        stack = new StackLauncher(
                LaunchConfig.freePorts(RepoRoot.locate(), home, env), line -> System.out.println("[stack] " + line));
        stack.start();
        http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (slowUpstream != null) {
            slowUpstream.close();
        }
    }

    @Test
    void adminLogsInWithThePrintedCredentialsAndSeesItself() throws Exception {
        HttpResponse<String> login = login(stack.adminUser(), stack.adminPassword());
        assertEquals(200, login.statusCode(), login.body());
        JsonNode body = JSON.readTree(login.body());
        assertEquals(200, body.get("code").asInt());
        assertEquals("登录成功", body.get("message").asText());
        assertEquals("admin", body.at("/data/user/username").asText());
        assertEquals("admin", body.at("/data/user/role").asText());
        assertTrue(body.at("/data/expires_in").asLong() > 0);

        HttpResponse<String> me = get("/api/v1/auth/me", body.at("/data/token").asText());
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"username\":\"admin\""), me.body());
        assertTrue(me.headers().firstValue("X-Request-Id").isPresent(), "no X-Request-Id on me");
    }

    @Test
    void wrongPasswordIsRejectedInTheAutomationDialect() throws Exception {
        HttpResponse<String> login = login("admin", "not-the-password");
        assertEquals(401, login.statusCode());
        JsonNode body = JSON.readTree(login.body());
        assertEquals(401, body.get("code").asInt());
        assertEquals("用户名或密码错误", body.get("error").asText());
    }

    @Test
    void missingTamperedExpiredAndUnsignedTokensAre401() throws Exception {
        String valid = adminToken();
        assertEquals(
                200,
                get("/api/v1/auth/me", TestTokens.resigned(valid, claims -> claims))
                        .statusCode(),
                "the gateway must sign with the configured key, or the checks below prove nothing");

        assertEquals(401, get("/api/v1/auth/me", null).statusCode(), "no token");
        assertEquals(401, get("/api/v1/auth/me", TestTokens.tampered(valid)).statusCode(), "tampered");
        assertEquals(401, get("/api/v1/auth/me", TestTokens.expiredCopy(valid)).statusCode(), "expired");
        assertEquals(
                401,
                get("/api/v1/auth/me", TestTokens.algNone("admin", "admin")).statusCode(),
                "alg=none");
        HttpResponse<String> garbage = get("/api/v1/auth/me", "not.a.jwt");
        assertEquals(401, garbage.statusCode(), "garbage");
        assertTrue(garbage.headers().firstValue("X-Request-Id").isPresent(), "401 without X-Request-Id");
    }

    @Test
    void viewerIsForbiddenOnAnAdminEndpoint() throws Exception {
        String admin = adminToken();
        String username = "viewer" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/auth/users"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"viewer-pass-123\",\"role\":\"viewer\"}")));
        assertTrue(created.statusCode() == 200 || created.statusCode() == 201, created.body());

        HttpResponse<String> login = login(username, "viewer-pass-123");
        assertEquals(200, login.statusCode(), login.body());
        String viewer = JSON.readTree(login.body()).at("/data/token").asText();
        assertEquals(
                "viewer",
                JSON.readTree(get("/api/v1/auth/me", viewer).body())
                        .at("/data/role")
                        .asText(""),
                "me of the viewer");
        assertEquals(403, get("/api/v1/auth/users", viewer).statusCode());
        assertEquals(403, get("/api/v1/status", viewer).statusCode());
    }

    @Test
    void aTokenRevokedAtTheGatewayIsRefusedByServicesCalledDirectly() throws Exception {
        String admin = adminToken();
        String username = "revoked" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/auth/users"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username
                        + "\",\"password\":\"operator-pass-123\",\"role\":\"operator\"}")));
        assertTrue(created.statusCode() == 200 || created.statusCode() == 201, created.body());
        String loggedOut = JSON.readTree(login(username, "operator-pass-123").body())
                .at("/data/token")
                .asText();
        String demoted = JSON.readTree(login(username, "operator-pass-123").body())
                .at("/data/token")
                .asText();
        URI direct = URI.create(stack.serviceUrl("deployment") + "/api/deployments");
        assertEquals(200, directStatus(direct, loggedOut));

        HttpResponse<String> logout = send(HttpRequest.newBuilder(uri("/api/v1/auth/logout"))
                .header("Authorization", "Bearer " + loggedOut)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, logout.statusCode(), logout.body());
        assertEquals(401, awaitDirectStatus(direct, loggedOut, 401), "a logged-out token still works directly");

        long id = JSON.readTree(created.body()).at("/data/id").asLong();
        HttpResponse<String> demote = send(HttpRequest.newBuilder(uri("/api/v1/auth/users/" + id))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"viewer\"}")));
        assertEquals(200, demote.statusCode(), demote.body());
        assertEquals(401, awaitDirectStatus(direct, demoted, 401), "a demoted user's token still works directly");
    }

    private static int directStatus(URI uri, String bearer) throws Exception {
        return send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + bearer)
                        .GET())
                .statusCode();
    }

    /** The status once it is {@code expected}, or the last one seen after 15 s. */
    private static int awaitDirectStatus(URI uri, String bearer, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status = directStatus(uri, bearer);
        while (status != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = directStatus(uri, bearer);
        }
        return status;
    }

    @Test
    void everyServiceIsReadyAndTheGatewaySeesThemAll() throws Exception {
        for (String service : new String[] {"telemetry", "deployment", "l10n", "automation"}) {
            HttpResponse<String> ready = http.send(
                    HttpRequest.newBuilder(URI.create(stack.serviceUrl(service) + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), service + ": " + ready.body());
        }
        HttpResponse<String> status = get("/api/v1/status", adminToken());
        assertEquals(200, status.statusCode(), status.body());
        for (String service : new String[] {"telemetry", "deployment", "l10n", "automation"}) {
            assertTrue(status.body().contains(service), () -> "status lacks " + service + ": " + status.body());
        }
        assertFalse(status.body().contains("\"DOWN\""), status.body());
    }

    @Test
    void streamedUpstreamBytesArriveBeforeTheUpstreamHasFinished() throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(uri("/e2e-stream/slow"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (InputStream in = response.body()) {
            byte[] first = in.readNBytes(SlowUpstream.FIRST.length());
            long firstBytesAfter = System.nanoTime() - start;
            assertEquals(SlowUpstream.FIRST, new String(first, StandardCharsets.UTF_8));
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long allAfter = System.nanoTime() - start;
            assertEquals(SlowUpstream.LAST, rest);
            assertTrue(
                    Duration.ofNanos(firstBytesAfter).compareTo(SlowUpstream.PAUSE.dividedBy(2)) < 0,
                    "first bytes took " + Duration.ofNanos(firstBytesAfter).toMillis() + " ms: the gateway buffered");
            assertTrue(Duration.ofNanos(allAfter).compareTo(SlowUpstream.PAUSE) >= 0, "the upstream pause was skipped");
        }
    }

    @Test
    void anEventCrossesTheBrokerFromOutboxToInboxAndAppliesOnce() throws Exception {
        EventRoundTrip roundTrip = new EventRoundTrip(stack);
        String deploymentId =
                "fallback_" + Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 8) + "_e2e_"
                        + UUID.randomUUID().toString().substring(0, 8);
        String ceId = roundTrip.commitFinishedDeployment(deploymentId, "e2e-app");

        roundTrip.awaitExecution(deploymentId, Duration.ofSeconds(60));
        assertTrue(roundTrip.outboxRowPublished(ceId), "the relay did not mark the outbox row published");

        // The broker delivers at least once: hand the very same record to the consumer again.
        String sentinel = roundTrip.redeliverAndFollowWithSentinel(ceId, deploymentId);
        roundTrip.awaitExecution(sentinel, Duration.ofSeconds(60));

        assertEquals(1, roundTrip.executions(deploymentId));
        assertEquals(1, roundTrip.inboxRows(ceId));
        assertEquals("success", roundTrip.executionStatus(deploymentId));
        assertEquals("deployment", roundTrip.executionType(deploymentId));
    }

    @Test
    void deploysThroughTheGatewayWhileAPlainHttpClientFollowsTheSseLog() throws Exception {
        String admin = adminToken();
        Path appDir = PythonWebApp.fresh();
        int appPort = PythonWebApp.freePort();
        String appUrl = "http://127.0.0.1:" + appPort;
        String appName = "e2e-web-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> registered = postJson(
                "/api/deployment/apps",
                admin,
                Map.of(
                        "name",
                        appName,
                        "source_path",
                        appDir.toString(),
                        "start_command",
                        "python app.py",
                        "health_url",
                        appUrl + "/health",
                        "health_timeout_seconds",
                        60));
        assertTrue(registered.statusCode() == 200 || registered.statusCode() == 201, registered.body());

        HttpResponse<String> accepted = postJson(
                "/api/deployments",
                admin,
                Map.of(
                        "app",
                        appName,
                        "mode",
                        "fallback",
                        "environment",
                        "e2e",
                        "timeout",
                        180,
                        "config",
                        Map.of("environment_variables", Map.of("PORT", Integer.toString(appPort)))));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = JSON.readTree(accepted.body()).get("deployment_id").asText();

        // Server-sent events through the gateway, read line by line as they arrive; the stream ends with the
        // deployment.
        HttpResponse<Stream<String>> sse = http.send(
                HttpRequest.newBuilder(uri("/api/deployments/" + id + "/logs"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(180))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, sse.statusCode());
        assertTrue(sse.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<String> data;
        try (Stream<String> lines = sse.body()) {
            data = lines.filter(l -> l.startsWith("data:")).toList();
        }
        assertTrue(
                data.stream().anyMatch(l -> l.contains("starting with token")),
                () -> "no app output in the SSE log: " + data);
        assertTrue(
                data.stream().anyMatch(l -> l.contains("-m venv .venv")), () -> "no venv step in the SSE log: " + data);
        assertTrue(data.stream().anyMatch(l -> l.contains("deployment completed")), () -> "SSE log: " + data);
        // environment values are secrets: the app printed its PORT, the stored and streamed log masks it
        assertTrue(data.stream().anyMatch(l -> l.contains("serving on ***")), () -> "SSE log: " + data);
        assertFalse(data.stream().anyMatch(l -> l.contains("serving on " + appPort)), () -> "unmasked: " + data);

        JsonNode status = JSON.readTree(get("/api/deployments/" + id, admin).body());
        assertEquals("completed", status.get("status").asText(), status.toString());
        HttpResponse<String> served = http.send(
                HttpRequest.newBuilder(URI.create(appUrl + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, served.statusCode(), "the app keeps serving after completed");
        assertTrue(served.body().startsWith("ok pid="), served.body());
        ProcessHandle.of(Long.parseLong(served.body().substring("ok pid=".length())))
                .ifPresent(ProcessHandle::destroy);

        // The finished deployment travels deployment.events.v1 -> telemetry-service and becomes an
        // execution of type "deployment", in the records and in the dashboard's figures for its app.
        JsonNode record = null;
        JsonNode dashboard = null;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                System.nanoTime() < deadline;
                Thread.sleep(500)) {
            JsonNode records = JSON.readTree(get("/api/v1/telemetry/records?type=deployment&app=" + appName, null)
                    .body());
            record = records.path("records").size() == 1
                    ? records.path("records").get(0)
                    : null;
            dashboard = JSON.readTree(get("/api/v1/telemetry/dashboard?days=1&app=" + appName, null)
                    .body());
            if (record != null && dashboard.path("total").asLong() == 1) {
                break;
            }
        }
        assertNotNull(record, "the deployment never appeared in the telemetry records");
        assertEquals(id, record.path("execution_id").asText(), record.toString());
        assertEquals("success", record.path("status").asText(), record.toString());
        assertEquals("deployment", record.path("type").asText(), record.toString());
        assertEquals(1, dashboard.path("total").asLong(), dashboard.toString());
        assertEquals(1, dashboard.path("success").asLong(), dashboard.toString());
    }

    static HttpResponse<String> postJson(String path, String bearer, Map<String, ?> body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    static String adminToken() throws Exception {
        HttpResponse<String> login = login(stack.adminUser(), stack.adminPassword());
        assertEquals(200, login.statusCode(), login.body());
        String token = JSON.readTree(login.body()).at("/data/token").asText();
        assertNotNull(token);
        return token;
    }

    static HttpResponse<String> login(String username, String password) throws Exception {
        String body = JSON.writeValueAsString(Map.of("username", username, "password", password));
        return send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create(stack.gatewayUrl() + path);
    }
}
