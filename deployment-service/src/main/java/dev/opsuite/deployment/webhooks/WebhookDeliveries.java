package dev.opsuite.deployment.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.common.persistence.BlockingSql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/** The delivery log: every attempt of every webhook message of a deployment, oldest first. */
@ApplicationScoped
public class WebhookDeliveries {
    private final BlockingSql db;

    public WebhookDeliveries(BlockingSql db) {
        this.db = db;
    }

    public record Delivery(
            @JsonProperty("webhook_id") String webhookId,
            @JsonProperty("event_type") String eventType,
            String url,
            int attempt,
            @JsonProperty("attempted_at") OffsetDateTime attemptedAt,
            @JsonProperty("status_code") Integer statusCode,
            @JsonProperty("duration_ms") long durationMs,
            String outcome,
            String error,
            @JsonProperty("message_state") String messageState) {}

    public List<Delivery> of(String deploymentId) {
        return db
                .query(
                        "SELECT m.id, m.event_type, m.url, m.state, a.attempt, a.attempted_at, a.status_code, a.duration_ms, "
                                + "a.outcome, a.error FROM webhook_attempts a JOIN webhook_messages m ON m.id = a.message_id "
                                + "WHERE a.deployment_id = $1 ORDER BY a.id",
                        deploymentId)
                .stream()
                .map(r -> new Delivery(
                        r.getString("id"),
                        r.getString("event_type"),
                        r.getString("url"),
                        r.getInteger("attempt"),
                        r.getOffsetDateTime("attempted_at"),
                        r.getInteger("status_code"),
                        r.getLong("duration_ms"),
                        r.getString("outcome"),
                        r.getString("error"),
                        r.getString("state")))
                .toList();
    }
}
