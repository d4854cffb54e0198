package dev.opsuite.gateway.progress;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * {@code /api/v1/progress/ws}: subscribe to a task ({@code {"action":"subscribe","task_id":"…"}})
 * or a topic ({@code {"action":"subscribe","topic":"deployments"|"automation"|"pve"}}),
 * unsubscribe the same way. Authentication happens before the upgrade ({@link ProgressUpgradeCheck}).
 * Replies to a bad client message are {@code {"type":"error","message":"…"}} on the socket.
 */
@WebSocket(path = "/api/v1/progress/ws")
public class ProgressSocket {
    static final Set<String> TOPICS = Set.of("deployments", "automation", "pve");
    private static final int MAX_ID = 256;

    private final ProgressHub hub;

    public ProgressSocket(ProgressHub hub) {
        this.hub = hub;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        hub.open(connection);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        hub.close(connection);
    }

    @OnTextMessage
    String message(WebSocketConnection connection, String text) {
        JsonObject request;
        try {
            request = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return error("not a JSON object: send {\"action\":\"subscribe\",\"task_id\":\"…\"}");
        }
        Object action = request.getValue("action");
        Object taskId = request.getValue("task_id");
        Object topic = request.getValue("topic");
        if (!"subscribe".equals(action) && !"unsubscribe".equals(action)) {
            return error("action must be \"subscribe\" or \"unsubscribe\"");
        }
        boolean subscribe = "subscribe".equals(action);
        if ((taskId == null) == (topic == null)) {
            return error("give exactly one of task_id and topic");
        }
        if (taskId != null) {
            if (!(taskId instanceof String id) || id.isBlank() || id.length() > MAX_ID || id.indexOf('\0') >= 0) {
                return error("task_id must be a non-empty string of at most " + MAX_ID + " characters");
            }
            if (!subscribe) {
                hub.unsubscribeTask(connection, id);
                return ack("unsubscribed", "task_id", id);
            }
            return hub.subscribeTask(connection, id) ? null : error("too many subscriptions on this connection");
        }
        if (!(topic instanceof String t) || !TOPICS.contains(t)) {
            return error("topic must be one of deployments, automation, pve");
        }
        if (!subscribe) {
            hub.unsubscribeTopic(connection, t);
            return ack("unsubscribed", "topic", t);
        }
        return hub.subscribeTopic(connection, t)
                ? ack("subscribed", "topic", t)
                : error("too many subscriptions on this connection");
    }

    private static String error(String message) {
        return new JsonObject()
                .put("type", "error")
                .put("message", message)
                .put("timestamp", Instant.now().toString())
                .encode();
    }

    private static String ack(String what, String key, String value) {
        return new JsonObject()
                .put("type", what)
                .put(key, value)
                .put("timestamp", Instant.now().toString())
                .encode();
    }
}
