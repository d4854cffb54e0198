package dev.opsuite.automation.notify;

import io.vertx.mutiny.sqlclient.Row;

/** A task notification waiting to be fanned out to the subscriptions it matches (a webhook_events row). */
record WebhookEvent(long id, String event, String taskId, String kind, Long refId, String userId, String body) {
    static final String COLUMNS = "id, event, task_id, kind, ref_id, user_id, body";

    static WebhookEvent from(Row r) {
        return new WebhookEvent(
                r.getLong("id"),
                r.getString("event"),
                r.getString("task_id"),
                r.getString("kind"),
                r.getLong("ref_id"),
                r.getString("user_id"),
                r.getString("body"));
    }
}
