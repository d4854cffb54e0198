package dev.opsuite.gateway.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.inbox.DeadLetters;
import dev.opsuite.devstack.test.TestKafka;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentFinished;
import dev.opsuite.events.v1.DeploymentLogLine;
import dev.opsuite.events.v1.DeploymentProgressed;
import dev.opsuite.events.v1.DeploymentStatus;
import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The progress WebSocket with a real client (the JDK's), fed by real deployment events on Kafka,
 * produced the way deployment-service produces them (protobuf payload, CloudEvents headers).
 */
@QuarkusTest
class ProgressSocketTest {
    private static final String TOPIC = "deployment.events.v1";

    @TestHTTPResource("/api/v1/progress/ws")
    URI endpoint;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ProgressHub hub;

    /** A client that queues every text message it receives. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        final boolean reads;
        WebSocket socket;

        Client(boolean reads) {
            this.reads = reads;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(reads ? Long.MAX_VALUE : 1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(new JsonObject(partial.toString()));
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }

        JsonObject next() throws InterruptedException {
            JsonObject m = messages.poll(30, TimeUnit.SECONDS);
            assertNotNull(m, "no message within 30 s");
            return m;
        }

        /** The next message about {@code taskId}, skipping acknowledgements and other tasks' messages. */
        JsonObject nextFor(String taskId) throws InterruptedException {
            while (true) {
                JsonObject m = next();
                if (taskId.equals(m.getString("task_id"))) {
                    return m;
                }
            }
        }
    }

    Client connect(String query, Map<String, String> headers, boolean reads) {
        Client client = new Client(reads);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        URI uri = URI.create("ws://" + endpoint.getHost() + ":" + endpoint.getPort() + endpoint.getPath() + query);
        client.socket = builder.buildAsync(uri, client).join();
        return client;
    }

    @Test
    void upgradeWithoutValidTokenIsRefusedWith401() {
        for (String query : new String[] {"", "?token=not-a-token"}) {
            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    CompletionException.class, () -> connect(query, Map.of(), true));
            assertTrue(e.getCause() instanceof WebSocketHandshakeException, String.valueOf(e.getCause()));
            assertEquals(
                    401,
                    ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        }
    }

    @Test
    void subscriberOfARunningDeploymentGetsProgressThenCompletionAndALateSubscriberTheFinalState() throws Exception {
        TestKafka kafka = new TestKafka(bootstrap);
        String id = "docker_20261201_101500_" + UUID.randomUUID().toString().substring(0, 8);
        kafka.produce(TOPIC, id, headers("progressed", id), progressed(id, 30).toByteArray());
        awaitLatest(id, 30);

        Client early = connect("?token=" + TestAuth.tokenFor("viewer"), Map.of(), true);
        early.send(
                new JsonObject().put("action", "subscribe").put("task_id", id).encode());
        JsonObject replay = early.nextFor(id);
        assertEquals("progress", replay.getString("type"));
        assertEquals(30, replay.getInteger("progress"));
        assertEquals("deployments", replay.getString("topic"));
        assertEquals("running", replay.getJsonObject("data").getString("status"));

        kafka.produce(TOPIC, id, headers("progressed", id), progressed(id, 60).toByteArray());
        kafka.produce(
                TOPIC,
                id,
                headers("log_line", id),
                logLine(id, "pulling image shop-api:1.4").toByteArray());
        kafka.produce(TOPIC, id, headers("finished", id), finished(id).toByteArray());
        JsonObject p60 = early.nextFor(id);
        assertEquals(60, p60.getInteger("progress"));
        JsonObject log = early.nextFor(id);
        assertEquals("log", log.getString("type"));
        assertEquals("pulling image shop-api:1.4", log.getString("message"));
        JsonObject done = early.nextFor(id);
        assertEquals("complete", done.getString("type"));
        assertEquals(100, done.getInteger("progress"));
        assertEquals("completed", done.getJsonObject("data").getString("status"));

        Client late = connect("", Map.of("Authorization", "Bearer " + TestAuth.tokenFor("operator")), true);
        late.send(new JsonObject().put("action", "subscribe").put("task_id", id).encode());
        JsonObject finalState = late.nextFor(id);
        assertEquals("complete", finalState.getString("type"));
        assertEquals(Instant.parse("2026-12-01T10:16:05Z").toString(), finalState.getString("timestamp"));
    }

    @Test
    void topicSubscribersSeeEveryDeploymentAndBadClientMessagesGetAnError() throws Exception {
        Client client = connect("?token=" + TestAuth.tokenFor("viewer"), Map.of(), true);
        client.send("{\"action\":\"subscribe\",\"topic\":\"everything\"}");
        assertEquals("error", client.next().getString("type"));
        client.send("not json");
        assertEquals("error", client.next().getString("type"));
        client.send("{\"action\":\"subscribe\",\"topic\":\"deployments\"}");
        assertEquals("subscribed", client.next().getString("type"));
        String id = "uv_20261201_110000_" + UUID.randomUUID().toString().substring(0, 8);
        new TestKafka(bootstrap)
                .produce(
                        TOPIC, id, headers("progressed", id), progressed(id, 10).toByteArray());
        assertEquals(10, client.nextFor(id).getInteger("progress"));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndProgressContinues() throws Exception {
        TestKafka kafka = new TestKafka(bootstrap);
        String id = "fallback_20261201_120000_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> poison = headers("progressed", id);
        kafka.produce(TOPIC, id, poison, "not protobuf \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
        kafka.produce(TOPIC, id, headers("progressed", id), progressed(id, 42).toByteArray());
        var dead = kafka.awaitRecord(
                ProgressConsumers.DEPLOYMENTS + ".dlq.v1",
                r -> poison.get(CloudEvent.H_ID).equals(TestKafka.header(r, CloudEvent.H_ID)),
                Duration.ofSeconds(30));
        assertTrue(TestKafka.header(dead, DeadLetters.REASON_HEADER).contains("not a DeploymentEvent"));
        awaitLatest(id, 42);
    }

    @Test
    void aClientThatStopsReadingIsDroppedInsteadOfBufferedWithoutBound() throws Exception {
        String id = "slow-" + UUID.randomUUID();
        int before = hub.connectionCount();
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            // a real WebSocket handshake and one subscribe frame, then this client never reads again
            socket.setReceiveBufferSize(4096);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + endpoint.getPath() + "?token=" + TestAuth.tokenFor("viewer") + " HTTP/1.1\r\n"
                            + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            out.write(maskedTextFrame(new JsonObject()
                    .put("action", "subscribe")
                    .put("task_id", id)
                    .encode()));
            out.flush();
            awaitConnections(before + 1);
            String padding = "x".repeat(4000);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (hub.connectionCount() > before && System.nanoTime() < deadline) {
                for (int i = 0; i < 200; i++) {
                    hub.publish(
                            new ProgressMessage("deployments", id, "log", 1, padding, new JsonObject(), Instant.now()));
                }
                Thread.sleep(5);
            }
            assertEquals(before, hub.connectionCount(), "the client that stopped reading was dropped");
        }
    }

    private void awaitConnections(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hub.connectionCount() < n) {
            assertTrue(System.nanoTime() < deadline, "socket did not open");
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** A client-to-server text frame (clients must mask), payload under 126 bytes. */
    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    private void awaitLatest(String id, int progress) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (hub.latest(id).map(m -> m.progress() != progress).orElse(true)) {
            assertTrue(System.nanoTime() < deadline, "event for " + id + " not consumed within 30 s");
            Thread.sleep(50);
        }
    }

    private static DeploymentEvent.Builder base(String id) {
        return DeploymentEvent.newBuilder()
                .setDeploymentId(id)
                .setApp("shop-api")
                .setEnvironment("production")
                .setMode("docker")
                .setStatus(DeploymentStatus.DEPLOYMENT_STATUS_RUNNING)
                .setStep("pull")
                .setOccurredAt(ts(Instant.now()));
    }

    private static DeploymentEvent progressed(String id, int progress) {
        return base(id).setProgress(progress)
                .setMessage("step pull")
                .setProgressed(
                        DeploymentProgressed.newBuilder().setCompletedSteps(1).setTotalSteps(3))
                .build();
    }

    private static DeploymentEvent logLine(String id, String line) {
        return base(id).setProgress(60)
                .setLogLine(DeploymentLogLine.newBuilder()
                        .setLine(line)
                        .setStream("stdout")
                        .setOffset(1))
                .build();
    }

    private static DeploymentEvent finished(String id) {
        Instant ended = Instant.parse("2026-12-01T10:16:05Z");
        return base(id).setStatus(DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED)
                .setProgress(100)
                .setMessage("deployed")
                .setOccurredAt(ts(ended))
                .setFinished(DeploymentFinished.newBuilder()
                        .setFinalStatus(DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED)
                        .setExitCode(0)
                        .setEndedAt(ts(ended))
                        .setDurationSeconds(65))
                .build();
    }

    private static Map<String, String> headers(String event, String subject) {
        return new CloudEvent(
                        UUID.randomUUID().toString(),
                        "deployment-service",
                        "dev.opsuite.deployment." + event + ".v1",
                        Instant.now(),
                        subject,
                        CloudEvent.PROTOBUF,
                        null,
                        null)
                .toHeaders();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.newBuilder()
                .setSeconds(i.getEpochSecond())
                .setNanos(i.getNano())
                .build();
    }
}
