package dev.opsuite.devstack.e2e.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The two ways a client follows a deployment: its SSE log and the gateway's progress WebSocket. */
final class FollowClients {
    private FollowClients() {}

    /** One SSE event: its id, name and data. */
    record SseEvent(String id, String name, String data) {}

    /**
     * Follows {@code GET <base>/api/deployments/<id>/logs} as {@code text/event-stream} on a thread of
     * the HTTP client; completes with every event once the server ends the stream (after its
     * {@code end} event).
     */
    static CompletableFuture<List<SseEvent>> followLog(HttpClient http, String base, String token, String id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/deployments/" + id + "/logs"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new AssertionError("log stream of " + id + " at " + base + " answered " + response.statusCode());
            }
            try (Stream<String> lines = response.body()) {
                return parse(lines);
            }
        });
    }

    private static List<SseEvent> parse(Stream<String> lines) {
        List<SseEvent> events = new ArrayList<>();
        String[] current = {null, null, null};
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (current[2] != null) {
                    events.add(new SseEvent(current[0], current[1], current[2]));
                }
                current[0] = current[1] = current[2] = null;
            } else if (line.startsWith("id:")) {
                current[0] = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                current[1] = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                String data = line.substring(5).strip();
                current[2] = current[2] == null ? data : current[2] + "\n" + data;
            }
        });
        return events;
    }

    /** A progress WebSocket on one gateway, recording every message it receives. */
    static final class ProgressSocket implements WebSocket.Listener, AutoCloseable {
        final String gateway;
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        private ProgressSocket(String gateway) {
            this.gateway = gateway;
        }

        /** Connects to {@code <gateway>/api/v1/progress/ws} and subscribes to the deployments topic. */
        static ProgressSocket subscribeDeployments(HttpClient http, String gateway, String token) throws Exception {
            ProgressSocket listener = new ProgressSocket(gateway);
            URI uri = URI.create(gateway.replaceFirst("^http", "ws") + "/api/v1/progress/ws?token=" + token);
            listener.socket =
                    http.newWebSocketBuilder().buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
            listener.socket
                    .sendText("{\"action\":\"subscribe\",\"topic\":\"deployments\"}", true)
                    .get(10, TimeUnit.SECONDS);
            listener.await(m -> "subscribed".equals(m.path("type").asText()), Duration.ofSeconds(10));
            return listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(ReliabilityStack.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("not JSON on the progress socket of " + gateway + ": " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** The messages of one task, in arrival order. */
        List<JsonNode> of(String taskId) {
            return messages.stream()
                    .filter(m -> taskId.equals(m.path("task_id").asText()))
                    .toList();
        }

        /** Waits until a message matches; returns it. */
        JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (JsonNode m : messages) {
                    if (wanted.test(m)) {
                        return m;
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no matching message on the progress socket of " + gateway + " after " + timeout
                    + "; got " + messages);
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
