package dev.opsuite.automation.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The webhook outbox tables (reactive PG client, the task engine's stack, so that events join its
 * transactions). Claims use {@code FOR UPDATE SKIP LOCKED}: replicas share the work without sending
 * anything twice; a claimed delivery is leased by pushing {@code next_attempt_at} forward, so a replica
 * that dies mid-send leaves it to the others once the lease runs out.
 */
@ApplicationScoped
public class WebhookStore {
    private final Pool pool;

    public WebhookStore(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> enqueue(SqlClient tx, String event, String taskId, String kind, Long refId, String userId, String body) {
        return tx.preparedQuery("INSERT INTO webhook_events (event, task_id, kind, ref_id, user_id, body) "
                        + "VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple()
                        .addValue(event)
                        .addValue(taskId)
                        .addValue(kind)
                        .addValue(refId)
                        .addValue(userId)
                        .addValue(body))
                .replaceWithVoid();
    }

    /**
     * Takes up to {@code limit} queued events and, in the same transaction, creates one delivery per
     * subscription {@code matches} names for each. @return the number of deliveries created
     */
    Uni<Integer> fanOut(int limit, Function<WebhookEvent, List<Long>> matches) {
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM webhook_events WHERE id IN (SELECT id FROM "
                        + "webhook_events ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING "
                        + WebhookEvent.COLUMNS)
                .execute(Tuple.of(limit))
                .chain(rows -> {
                    List<Tuple> deliveries = new ArrayList<>();
                    for (WebhookEvent e : sorted(rows)) {
                        for (Long notification : matches.apply(e)) {
                            deliveries.add(Tuple.tuple()
                                    .addValue(notification)
                                    .addValue("msg_"
                                            + UUID.randomUUID().toString().replace("-", ""))
                                    .addValue(e.event())
                                    .addValue(e.taskId())
                                    .addValue(e.body()));
                        }
                    }
                    if (deliveries.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return tx.preparedQuery("INSERT INTO webhook_deliveries (notification_id, message_id, event, "
                                    + "task_id, body) VALUES ($1, $2, $3, $4, $5)")
                            .executeBatch(deliveries)
                            .replaceWith(deliveries.size());
                }));
    }

    private static List<WebhookEvent> sorted(RowSet<Row> rows) {
        List<WebhookEvent> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(WebhookEvent.from(r));
        }
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    /** Due deliveries, oldest first, leased to the caller for {@code lease}. */
    Uni<List<WebhookDelivery>> claimDue(int limit, Duration lease) {
        return pool.preparedQuery(
                        "UPDATE webhook_deliveries SET next_attempt_at = now() + $2 * interval '1 millisecond' "
                                + "WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now() "
                                + "ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING "
                                + WebhookDelivery.COLUMNS)
                .execute(Tuple.of(limit, lease.toMillis()))
                .map(rows -> {
                    List<WebhookDelivery> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(WebhookDelivery.from(r));
                    }
                    out.sort((a, b) -> Long.compare(a.id(), b.id()));
                    return out;
                });
    }

    /**
     * A subscription's deliveries, newest first, optionally only those in {@code status}.
     * @return at most {@code limit} rows
     */
    public Uni<List<WebhookDelivery>> ofSubscription(long notificationId, String status, int limit) {
        return pool.preparedQuery("SELECT " + WebhookDelivery.COLUMNS + " FROM webhook_deliveries "
                        + "WHERE notification_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(notificationId, status, limit))
                .map(rows -> {
                    List<WebhookDelivery> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(WebhookDelivery.from(r));
                    }
                    return out;
                });
    }

    Uni<Void> delivered(long id, int attempts) {
        return pool.preparedQuery(
                        "UPDATE webhook_deliveries SET status = 'delivered', attempts = $2, last_error = NULL, "
                                + "finished_at = now() WHERE id = $1")
                .execute(Tuple.of(id, attempts))
                .replaceWithVoid();
    }

    Uni<Void> retryAt(long id, int attempts, String error, OffsetDateTime next) {
        return pool.preparedQuery(
                        "UPDATE webhook_deliveries SET attempts = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1")
                .execute(Tuple.of(id, attempts, error, next))
                .replaceWithVoid();
    }

    Uni<Void> gaveUp(long id, int attempts, String error) {
        return pool.preparedQuery("UPDATE webhook_deliveries SET status = 'failed', attempts = $2, last_error = $3, "
                        + "finished_at = now() WHERE id = $1")
                .execute(Tuple.of(id, attempts, error))
                .replaceWithVoid();
    }

    /** Finished deliveries older than {@code cutoff} go; pending ones stay until they are finished. */
    Uni<Integer> purgeFinishedBefore(OffsetDateTime cutoff) {
        return pool.preparedQuery("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND finished_at < $1")
                .execute(Tuple.of(cutoff))
                .map(RowSet::rowCount);
    }
}
