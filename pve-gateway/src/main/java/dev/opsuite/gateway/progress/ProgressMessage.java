package dev.opsuite.gateway.progress;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What the progress WebSocket sends: {@code {task_id, type, progress, message, data, timestamp}},
 * plus the {@code topic} it belongs to (deployments, automation, pve).
 *
 * @param type progress | log | complete | error
 */
public record ProgressMessage(
        String topic, String taskId, String type, int progress, String message, JsonObject data, Instant timestamp) {

    public boolean isFinal() {
        return type.equals("complete") || type.equals("error");
    }

    public String toJson() {
        return new JsonObject()
                .put("task_id", taskId)
                .put("topic", topic)
                .put("type", type)
                .put("progress", progress)
                .put("message", message)
                .put("data", data)
                .put("timestamp", timestamp.toString())
                .encode();
    }
}
