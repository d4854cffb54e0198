package dev.opsuite.deployment.domain;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.db.Db;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Concurrency limits, decided in the database so they hold across replicas: every admission (and
 * queue promotion) first takes one transaction-scoped advisory lock, then counts what is active.
 * The partial unique index on (app, environment) backs the one-per-target rule on its own.
 */
@ApplicationScoped
public class Admission {
    /** Arbitrary constant shared by every replica: the admission lock. */
    static final long LOCK_KEY = 0x6f70737569746501L;

    public enum Verdict {
        ACCEPT,
        QUEUE
    }

    private final DeploymentConfig config;

    public Admission(DeploymentConfig config) {
        this.config = config;
    }

    public static void lock(SqlClient tx) {
        Db.query(tx, "SELECT pg_advisory_xact_lock($1)", LOCK_KEY);
    }

    /** Call inside the creating transaction, before the insert. */
    public Verdict admit(SqlClient tx, String app, String environment, boolean queueRequested) {
        lock(tx);
        Row counts = Db.query(
                        tx,
                        "SELECT count(*) FILTER (WHERE status IN ('accepted', 'running')) AS active, "
                                + "count(*) FILTER (WHERE status = 'queued') AS queued, "
                                + "count(*) FILTER (WHERE app = $1 AND environment = $2) AS same_target, "
                                + "min(extract(epoch FROM start_time) + estimated_duration) FILTER (WHERE status IN ('accepted', 'running')) AS first_end "
                                + "FROM deployments WHERE status IN ('queued', 'accepted', 'running')",
                        app,
                        environment)
                .get(0);
        if (counts.getLong("same_target") > 0) {
            throw ApiException.conflict(
                    "deployment_in_progress",
                    "A deployment of " + app + " to " + environment + " is already queued or running");
        }
        long active = counts.getLong("active");
        if (active < config.maxConcurrent()) {
            return Verdict.ACCEPT;
        }
        if (queueRequested) {
            if (counts.getLong("queued") >= config.maxQueued()) {
                throw ApiException.of(429, "queue_full", "The deployment queue is full (" + config.maxQueued() + ")")
                        .withHeader(
                                "Retry-After", Long.toString(retryAfter(counts).toSeconds()));
            }
            return Verdict.QUEUE;
        }
        throw ApiException.of(
                        429,
                        "concurrency_limit",
                        "At most " + config.maxConcurrent()
                                + " deployments run at once; retry later or send queue: true")
                .withDetail("active_deployments", active)
                .withDetail("max_concurrent_deployments", config.maxConcurrent())
                .withHeader("Retry-After", Long.toString(retryAfter(counts).toSeconds()));
    }

    /**
     * Moves the oldest queued deployments into free slots (FIFO), skipping targets that are busy.
     * @return the ids that became accepted; the caller starts them
     */
    public List<String> promote(SqlClient tx, String instanceId) {
        lock(tx);
        long active = Db.query(tx, "SELECT count(*) AS n FROM deployments WHERE status IN ('accepted', 'running')")
                .get(0)
                .getLong("n");
        long free = config.maxConcurrent() - active;
        if (free <= 0) {
            return List.of();
        }
        return Db.query(
                        tx,
                        "UPDATE deployments SET status = 'accepted', start_time = now(), heartbeat_at = now(), owner_instance = $2, updated_at = now() "
                                + "WHERE id IN (SELECT q.id FROM deployments q WHERE q.status = 'queued' AND NOT EXISTS ("
                                + "SELECT 1 FROM deployments a WHERE a.app = q.app AND a.environment = q.environment AND a.status IN ('accepted', 'running')) "
                                + "ORDER BY q.seq LIMIT $1) RETURNING id",
                        free,
                        instanceId)
                .stream()
                .map(r -> r.getString("id"))
                .toList();
    }

    /** Until the first active deployment is expected to end; at least 1 s, at most 5 min. */
    private static Duration retryAfter(Row counts) {
        Object firstEnd = counts.getValue("first_end");
        if (firstEnd == null) {
            return Duration.ofSeconds(5);
        }
        double end = ((Number) firstEnd).doubleValue();
        long seconds = (long) Math.ceil(end - OffsetDateTime.now().toEpochSecond());
        return Duration.ofSeconds(Math.max(1, Math.min(300, seconds)));
    }
}
