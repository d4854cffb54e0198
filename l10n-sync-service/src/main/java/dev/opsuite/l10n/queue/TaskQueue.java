package dev.opsuite.l10n.queue;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.outbox.JdbcOutbox;
import dev.opsuite.l10n.L10nConfig;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.events.L10nEvents;
import dev.opsuite.l10n.settings.Setting;
import dev.opsuite.l10n.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The work queue in PostgreSQL. A lease is atomic: the task row is locked, and only a pending task
 * that is due or a leased one whose lease expired can be taken (so two workers never hold one task);
 * built-in workers pick the next task with FOR UPDATE SKIP LOCKED. A failed attempt is retried with
 * exponential back-off until max_attempts, then the task is dead (and an event says so). A dedupe key
 * is unique among open (pending or leased) tasks.
 */
@ApplicationScoped
public class TaskQueue {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Jdbc jdbc;
    private final Settings settings;
    private final L10nConfig config;
    private final JdbcOutbox outbox;
    private final L10nEvents events;

    public TaskQueue(Jdbc jdbc, Settings settings, L10nConfig config, JdbcOutbox outbox, L10nEvents events) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.config = config;
        this.outbox = outbox;
        this.events = events;
    }

    public record Enqueued(Task task, boolean created) {}

    public Enqueued enqueue(String type, String payloadJson, int priority, String dedupeKey) {
        return jdbc.tx(c -> enqueue(c, type, payloadJson, priority, dedupeKey));
    }

    /** In the caller's transaction; an open task with the same dedupe key is returned instead of a new one. */
    public Enqueued enqueue(Connection c, String type, String payloadJson, int priority, String dedupeKey)
            throws SQLException {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw ApiException.validation("type must be 1-64 lower-case letters, digits or _", Map.of("field", "type"));
        }
        long depth = Jdbc.one(
                        c, "SELECT count(*) FROM queue_tasks WHERE state IN ('pending', 'leased')", rs -> rs.getLong(1))
                .orElse(0L);
        if (depth >= settings.get(Setting.QUEUE_MAX_DEPTH)) {
            throw new ApiException(429, "queue_full", "The queue holds " + depth + " open tasks (queue_max_depth)")
                    .withHeader("Retry-After", "30");
        }
        int maxAttempts = (int) settings.get(Setting.RETRY_ATTEMPTS) + 1;
        Optional<Task> inserted = Jdbc.one(
                c,
                "INSERT INTO queue_tasks (type, payload, priority, dedupe_key, state, max_attempts) "
                        + "VALUES (?, ?::jsonb, ?, ?, 'pending', ?) ON CONFLICT (dedupe_key) WHERE state IN ('pending', 'leased') "
                        + "DO NOTHING RETURNING " + Task.COLUMNS,
                Task::from,
                type,
                payloadJson,
                priority,
                dedupeKey,
                maxAttempts);
        if (inserted.isPresent()) {
            return new Enqueued(inserted.get(), true);
        }
        Task open = Jdbc.one(
                        c,
                        "SELECT " + Task.COLUMNS
                                + " FROM queue_tasks WHERE dedupe_key = ? AND state IN ('pending', 'leased')",
                        Task::from,
                        dedupeKey)
                .orElseThrow(() -> ApiException.conflict(
                        "duplicate_task", "Retry: the open task with this dedupe key just finished"));
        return new Enqueued(open, false);
    }

    public Task get(long id) {
        return jdbc.one("SELECT " + Task.COLUMNS + " FROM queue_tasks WHERE id = ?", Task::from, id)
                .orElseThrow(() -> ApiException.notFound("No task " + id));
    }

    public List<Task> list(String state, String type, int limit, Long afterId) {
        StringBuilder sql = new StringBuilder("SELECT " + Task.COLUMNS + " FROM queue_tasks WHERE true");
        List<Object> args = new ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state);
        }
        if (type != null) {
            sql.append(" AND type = ?");
            args.add(type);
        }
        if (afterId != null) {
            sql.append(" AND id > ?");
            args.add(afterId);
        }
        sql.append(" ORDER BY id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), Task::from, args.toArray());
    }

    /** Leases one task by id: 404 unknown, 409 when it is not pending-and-due nor leased-and-expired. */
    public Task lease(long id, String owner, int seconds) {
        return jdbc.tx(c -> {
            Task t = Jdbc.one(c, "SELECT " + Task.COLUMNS + " FROM queue_tasks WHERE id = ? FOR UPDATE", Task::from, id)
                    .orElseThrow(() -> ApiException.notFound("No task " + id));
            boolean due = t.state().equals("pending") && !t.availableAt().isAfter(now(c));
            boolean expired =
                    t.state().equals("leased") && t.leaseExpiresAt().isBefore(now(c)) && t.attempts() < t.maxAttempts();
            if (!due && !expired) {
                throw ApiException.conflict(
                                "not_leasable",
                                "Task " + id + " is " + t.state()
                                        + (t.state().equals("leased")
                                                ? " by " + t.leaseOwner() + " until " + t.leaseExpiresAt()
                                                : t.state().equals("pending") ? " and due at " + t.availableAt() : ""))
                        .withDetail("state", t.state())
                        .withDetail(
                                "lease_expires_at",
                                t.leaseExpiresAt() == null
                                        ? null
                                        : t.leaseExpiresAt().toString());
            }
            return take(c, t, owner, seconds, expired);
        });
    }

    /** The next due task of these types for a built-in worker, or empty; SKIP LOCKED lets workers pass each other. */
    public Optional<Task> leaseNext(List<String> types, String owner, int seconds) {
        return jdbc.tx(c -> {
            Optional<Task> next = Jdbc.one(
                    c,
                    "SELECT " + Task.COLUMNS + " FROM queue_tasks WHERE type = ANY (?) AND "
                            + "((state = 'pending' AND available_at <= now()) OR (state = 'leased' AND lease_expires_at < now() "
                            + "AND attempts < max_attempts)) ORDER BY priority DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                    Task::from,
                    (Object) types.toArray(String[]::new));
            if (next.isEmpty()) {
                return Optional.<Task>empty();
            }
            Task t = next.get();
            return Optional.of(take(c, t, owner, seconds, t.state().equals("leased")));
        });
    }

    private Task take(Connection c, Task t, String owner, int seconds, boolean reclaimed) throws SQLException {
        if (reclaimed) {
            Jdbc.update(
                    c,
                    "INSERT INTO queue_attempts (task_id, attempt, outcome) VALUES (?, ?, 'expired') ON CONFLICT DO NOTHING",
                    t.id(),
                    t.attempts());
        }
        return Jdbc.one(
                        c,
                        "UPDATE queue_tasks SET state = 'leased', lease_owner = ?, lease_token = ?, "
                                + "lease_expires_at = now() + ? * interval '1 second', attempts = attempts + 1, started_at = now() "
                                + "WHERE id = ? RETURNING " + Task.COLUMNS,
                        Task::from,
                        owner,
                        UUID.randomUUID().toString(),
                        seconds,
                        t.id())
                .orElseThrow();
    }

    /** Finishes the current lease: only its owner (and token, when given) may; 409 otherwise. */
    public Task complete(long id, String owner, String token, boolean success, String outputJson, String error) {
        return jdbc.tx(c -> {
            Task t = Jdbc.one(c, "SELECT " + Task.COLUMNS + " FROM queue_tasks WHERE id = ? FOR UPDATE", Task::from, id)
                    .orElseThrow(() -> ApiException.notFound("No task " + id));
            if (!t.state().equals("leased")
                    || !t.leaseOwner().equals(owner)
                    || (token != null && !token.equals(t.leaseToken()))) {
                throw ApiException.conflict(
                                "not_lease_owner",
                                "Task " + id + " is not leased by " + owner
                                        + (token != null ? " with this lease_token" : ""))
                        .withDetail("state", t.state());
            }
            Jdbc.update(
                    c,
                    "INSERT INTO queue_attempts (task_id, attempt, outcome, duration_ms) VALUES (?, ?, ?, "
                            + "(EXTRACT(EPOCH FROM now() - ?::timestamptz) * 1000)::bigint) ON CONFLICT DO NOTHING",
                    id,
                    t.attempts(),
                    success ? "success" : "failure",
                    t.startedAt());
            if (success) {
                return Jdbc.one(
                                c,
                                "UPDATE queue_tasks SET state = 'succeeded', output = ?::jsonb, finished_at = now(), "
                                        + "processing_ms = (EXTRACT(EPOCH FROM now() - started_at) * 1000)::bigint, lease_owner = NULL, "
                                        + "lease_token = NULL, lease_expires_at = NULL WHERE id = ? RETURNING "
                                        + Task.COLUMNS,
                                Task::from,
                                outputJson,
                                id)
                        .orElseThrow();
            }
            String err = error == null ? "failed" : error.length() > 2000 ? error.substring(0, 2000) : error;
            if (t.attempts() < t.maxAttempts()) {
                return Jdbc.one(
                                c,
                                "UPDATE queue_tasks SET state = 'pending', output = ?::jsonb, last_error = ?, "
                                        + "available_at = now() + ? * interval '1 millisecond', lease_owner = NULL, lease_token = NULL, "
                                        + "lease_expires_at = NULL WHERE id = ? RETURNING " + Task.COLUMNS,
                                Task::from,
                                outputJson,
                                err,
                                backoffMillis(t.attempts()),
                                id)
                        .orElseThrow();
            }
            return dead(c, t, outputJson, err);
        });
    }

    private Task dead(Connection c, Task t, String outputJson, String err) throws SQLException {
        Task dead = Jdbc.one(
                        c,
                        "UPDATE queue_tasks SET state = 'dead', output = coalesce(?::jsonb, output), last_error = ?, "
                                + "finished_at = now(), lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = ? RETURNING "
                                + Task.COLUMNS,
                        Task::from,
                        outputJson,
                        err,
                        t.id())
                .orElseThrow();
        outbox.enqueue(c, events.taskDead(t.id(), t.type(), t.attempts(), err, t.dedupeKey()));
        return dead;
    }

    /** Leases that expired on their last attempt make the task dead; returns how many. */
    public int reapExpired() {
        return jdbc.tx(c -> {
            List<Task> expired = Jdbc.query(
                    c,
                    "SELECT " + Task.COLUMNS + " FROM queue_tasks WHERE state = 'leased' AND "
                            + "lease_expires_at < now() AND attempts >= max_attempts ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED",
                    Task::from);
            for (Task t : expired) {
                Jdbc.update(
                        c,
                        "INSERT INTO queue_attempts (task_id, attempt, outcome) VALUES (?, ?, 'expired') ON CONFLICT DO NOTHING",
                        t.id(),
                        t.attempts());
                dead(c, t, null, "lease expired on the last attempt (owner " + t.leaseOwner() + ")");
            }
            return expired.size();
        });
    }

    long backoffMillis(int attempts) {
        long base = config.queue().initialBackoff().toMillis();
        return Math.min(config.queue().maxBackoff().toMillis(), base * (1L << Math.min(20, Math.max(0, attempts - 1))));
    }

    public record Status(
            long depth,
            long pending,
            long leased,
            long succeeded,
            long dead,
            long lagMs,
            double errorRate,
            double avgProcessingTimeMs,
            long attemptsLastHour) {}

    public Status status() {
        return jdbc.tx(c -> {
            long[] s = new long[4];
            Jdbc.query(c, "SELECT state, count(*) FROM queue_tasks GROUP BY state", rs -> {
                switch (rs.getString(1)) {
                    case "pending" -> s[0] = rs.getLong(2);
                    case "leased" -> s[1] = rs.getLong(2);
                    case "succeeded" -> s[2] = rs.getLong(2);
                    default -> s[3] = rs.getLong(2);
                }
                return null;
            });
            long lag = Jdbc.one(
                            c,
                            "SELECT coalesce((EXTRACT(EPOCH FROM now() - min(available_at)) * 1000)::bigint, 0) "
                                    + "FROM queue_tasks WHERE state = 'pending' AND available_at <= now()",
                            rs -> rs.getLong(1))
                    .orElse(0L);
            double[] a = Jdbc.one(
                            c,
                            "SELECT count(*), count(*) FILTER (WHERE outcome <> 'success'), "
                                    + "coalesce(avg(duration_ms) FILTER (WHERE outcome = 'success'), 0) FROM queue_attempts "
                                    + "WHERE finished_at > now() - interval '1 hour'",
                            rs -> new double[] {rs.getLong(1), rs.getLong(2), rs.getDouble(3)})
                    .orElseThrow();
            double errorRate = a[0] == 0 ? 0 : a[1] / a[0];
            return new Status(
                    s[0] + s[1],
                    s[0],
                    s[1],
                    s[2],
                    s[3],
                    Math.max(0, lag),
                    errorRate,
                    Math.round(a[2] * 10) / 10.0,
                    (long) a[0]);
        });
    }

    private static OffsetDateTime now(Connection c) throws SQLException {
        return Jdbc.one(c, "SELECT now()", rs -> rs.getObject(1, OffsetDateTime.class))
                .orElseThrow();
    }
}
