package dev.opsuite.automation.notify;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * One signed POST owed to one subscription (a webhook_deliveries row). {@code messageId} is the
 * {@code webhook-id} header and stays the same across retries; {@code status} is pending, delivered or
 * failed; {@code attempts} counts the attempts made so far and {@code lastError} says why the last one
 * did not deliver.
 */
public record WebhookDelivery(
        long id,
        long notificationId,
        String messageId,
        String event,
        String taskId,
        String body,
        String status,
        int attempts,
        OffsetDateTime nextAttemptAt,
        String lastError,
        OffsetDateTime createdAt,
        OffsetDateTime finishedAt) {
    static final String COLUMNS = "id, notification_id, message_id, event, task_id, body, status, attempts, "
            + "next_attempt_at, last_error, created_at, finished_at";

    static WebhookDelivery from(Row r) {
        return new WebhookDelivery(
                r.getLong("id"),
                r.getLong("notification_id"),
                r.getString("message_id"),
                r.getString("event"),
                r.getString("task_id"),
                r.getString("body"),
                r.getString("status"),
                r.getInteger("attempts"),
                r.getOffsetDateTime("next_attempt_at"),
                r.getString("last_error"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("finished_at"));
    }
}
