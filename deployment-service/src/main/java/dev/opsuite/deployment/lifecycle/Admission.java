package dev.opsuite.deployment.lifecycle;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.domain.DeploymentRepository;
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

    private final DeploymentRepository repo;
    private final DeploymentConfig config;

    public Admission(DeploymentRepository repo, DeploymentConfig config) {
        this.repo = repo;
        this.config = config;
    }

    static void lock(SqlClient tx) {
        BlockingSql.query(tx, "SELECT pg_advisory_xact_lock($1)", LOCK_KEY);
    }

    /** Call inside the creating transaction, before the insert. */
    public Verdict admit(SqlClient tx, String app, String environment, boolean queueRequested) {
        lock(tx);
        DeploymentRepository.Occupancy now = repo.occupancy(tx, app, environment);
        if (now.sameTarget() > 0) {
            throw ApiException.conflict(
                    "deployment_in_progress",
                    "A deployment of " + app + " to " + environment + " is already queued or running");
        }
        if (now.active() < config.maxConcurrent()) {
            return Verdict.ACCEPT;
        }
        if (queueRequested) {
            if (now.queued() >= config.maxQueued()) {
                throw ApiException.of(429, "queue_full", "The deployment queue is full (" + config.maxQueued() + ")")
                        .withHeader("Retry-After", Long.toString(retryAfter(now).toSeconds()));
            }
            return Verdict.QUEUE;
        }
        throw ApiException.of(
                        429,
                        "concurrency_limit",
                        "At most " + config.maxConcurrent()
                                + " deployments run at once; retry later or send queue: true")
                .withDetail("active_deployments", now.active())
                .withDetail("max_concurrent_deployments", config.maxConcurrent())
                .withHeader("Retry-After", Long.toString(retryAfter(now).toSeconds()));
    }

    /**
     * Moves the oldest queued deployments into free slots (FIFO), skipping targets that are busy.
     * @return the ids that became accepted; the caller starts them
     */
    public List<String> promote(SqlClient tx, String instanceId) {
        lock(tx);
        long free = config.maxConcurrent() - repo.countActive(tx);
        if (free <= 0) {
            return List.of();
        }
        return repo.acceptQueued(tx, free, instanceId);
    }

    /** Until the first active deployment is expected to end; at least 1 s, at most 5 min. */
    private static Duration retryAfter(DeploymentRepository.Occupancy now) {
        if (now.firstExpectedEnd() == null) {
            return Duration.ofSeconds(5);
        }
        long seconds =
                (long) Math.ceil(now.firstExpectedEnd() - OffsetDateTime.now().toEpochSecond());
        return Duration.ofSeconds(Math.max(1, Math.min(300, seconds)));
    }
}
