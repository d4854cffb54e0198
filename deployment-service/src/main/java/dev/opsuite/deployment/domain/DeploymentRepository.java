package dev.opsuite.deployment.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.persistence.BlockingSql;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code deployments} and {@code deployment_steps} tables: the only class with their SQL. Methods
 * taking a {@link SqlClient} take part in the caller's transaction; the others run on their own.
 * Everything blocks (callers are on virtual threads).
 */
@ApplicationScoped
public class DeploymentRepository {
    static final String COLUMNS = "id, seq, app, environment, requested_mode, mode, status, initiator, profile, "
            + "env_names::text AS env_names, env_secret, timeout_seconds, force_rebuild, skip_health_check, callback_url, "
            + "webhook_secret, metadata::text AS metadata, estimated_duration, current_step, progress, completed_steps, "
            + "total_steps, created_at, start_time, end_time, updated_at, error, exit_code, cancel_requested, owner_instance, redeploy_of";
    private static final String UNFINISHED = "('queued', 'accepted', 'running')";
    private static final String ACTIVE = "('accepted', 'running')";

    private final BlockingSql db;
    private final ObjectMapper mapper;

    public DeploymentRepository(BlockingSql db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    public Optional<Deployment> find(String id) {
        return find(db.pool(), id);
    }

    public Optional<Deployment> find(SqlClient c, String id) {
        return BlockingSql.query(c, "SELECT " + COLUMNS + " FROM deployments WHERE id = $1", id).stream()
                .findFirst()
                .map(this::map);
    }

    public Optional<Deployment> findForUpdate(SqlClient c, String id) {
        return BlockingSql.query(c, "SELECT " + COLUMNS + " FROM deployments WHERE id = $1 FOR UPDATE", id).stream()
                .findFirst()
                .map(this::map);
    }

    /** A deployment as it is created: its row gets the rest (seq, progress, times) from the database. */
    public record NewDeployment(
            String id,
            String app,
            String environment,
            String requestedMode,
            Mode mode,
            DeploymentStatus status,
            String initiator,
            String profile,
            List<String> envNames,
            String envSecret,
            int timeoutSeconds,
            boolean forceRebuild,
            boolean skipHealthCheck,
            String callbackUrl,
            String webhookSecret,
            Map<String, Object> metadata,
            int estimatedDuration,
            String ownerInstance,
            String redeployOf) {}

    public void insert(SqlClient c, NewDeployment d) {
        BlockingSql.update(
                c,
                "INSERT INTO deployments (id, app, environment, requested_mode, mode, status, initiator, profile, env_names, "
                        + "env_secret, timeout_seconds, force_rebuild, skip_health_check, callback_url, webhook_secret, metadata, "
                        + "estimated_duration, owner_instance, redeploy_of, start_time, heartbeat_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, "
                        + "$11, $12, $13, $14, $15, $16::text::jsonb, $17, $18, $19, CASE WHEN $6 = 'queued' THEN NULL ELSE now() END, now())",
                d.id(),
                d.app(),
                d.environment(),
                d.requestedMode(),
                d.mode().wire(),
                d.status().wire(),
                d.initiator(),
                d.profile(),
                json(d.envNames()),
                d.envSecret(),
                d.timeoutSeconds(),
                d.forceRebuild(),
                d.skipHealthCheck(),
                d.callbackUrl(),
                d.webhookSecret(),
                json(d.metadata()),
                d.estimatedDuration(),
                d.ownerInstance(),
                d.redeployOf());
    }

    public void insertSteps(SqlClient c, String id, List<String> names, List<Integer> weights) {
        for (int i = 0; i < names.size(); i++) {
            BlockingSql.update(
                    c,
                    "INSERT INTO deployment_steps (deployment_id, idx, name, weight) VALUES ($1, $2, $3, $4)",
                    id,
                    i,
                    names.get(i),
                    weights.get(i));
        }
        BlockingSql.update(c, "UPDATE deployments SET total_steps = $2 WHERE id = $1", id, names.size());
    }

    public List<StepRecord> steps(String id) {
        return db
                .query(
                        "SELECT idx, name, weight, status, started_at, ended_at, exit_code FROM deployment_steps "
                                + "WHERE deployment_id = $1 ORDER BY idx",
                        id)
                .stream()
                .map(r -> new StepRecord(
                        r.getInteger("idx"),
                        r.getString("name"),
                        r.getInteger("weight"),
                        r.getString("status"),
                        r.getOffsetDateTime("started_at"),
                        r.getOffsetDateTime("ended_at"),
                        r.getInteger("exit_code")))
                .toList();
    }

    /** Ids of the app's deployments that are queued or under way, in any environment. */
    public List<String> activeIds(String app) {
        return ids(db.query(
                "SELECT id FROM deployments WHERE app = $1 AND status IN " + UNFINISHED + " ORDER BY seq", app));
    }

    public record HistoryFilter(String status, String mode, String app, String environment) {}

    /** Newest first; {@code beforeSeq} is the cursor (exclusive); fetches limit + 1 rows for has_more. */
    public List<Deployment> history(HistoryFilter f, Long beforeSeq, int limit) {
        return db
                .query(
                        "SELECT " + COLUMNS + " FROM deployments WHERE ($1::text IS NULL OR status = $1) "
                                + "AND ($2::text IS NULL OR mode = $2) AND ($3::text IS NULL OR app = $3) AND ($4::text IS NULL OR environment = $4) "
                                + "AND ($5::bigint IS NULL OR seq < $5) ORDER BY seq DESC LIMIT $6",
                        f.status(),
                        f.mode(),
                        f.app(),
                        f.environment(),
                        beforeSeq,
                        limit + 1)
                .stream()
                .map(this::map)
                .toList();
    }

    /** Median duration (seconds) of the last successful deployments of this app and mode, if any. */
    public Optional<Integer> medianDuration(SqlClient c, String app, Mode mode) {
        List<Row> rows = BlockingSql.query(
                c,
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS median FROM ("
                        + "SELECT extract(epoch FROM end_time - start_time) AS d FROM deployments WHERE app = $1 AND mode = $2 "
                        + "AND status = 'completed' AND end_time IS NOT NULL ORDER BY seq DESC LIMIT 10) recent",
                app,
                mode.wire());
        if (rows.isEmpty() || rows.get(0).getValue("median") == null) {
            return Optional.empty();
        }
        return Optional.of((int) Math.max(1, Math.round(rows.get(0).getDouble("median"))));
    }

    /**
     * What admission decides on: deployments under way, queued, and of this app+environment, and when
     * the first running one is expected to end (epoch seconds, null when none runs).
     */
    public record Occupancy(long active, long queued, long sameTarget, Double firstExpectedEnd) {}

    public Occupancy occupancy(SqlClient c, String app, String environment) {
        Row r = BlockingSql.query(
                        c,
                        "SELECT count(*) FILTER (WHERE status IN " + ACTIVE + ") AS active, "
                                + "count(*) FILTER (WHERE status = 'queued') AS queued, "
                                + "count(*) FILTER (WHERE app = $1 AND environment = $2) AS same_target, "
                                + "min(extract(epoch FROM start_time) + estimated_duration) FILTER (WHERE status IN "
                                + ACTIVE + ")::float8 AS first_end "
                                + "FROM deployments WHERE status IN " + UNFINISHED,
                        app,
                        environment)
                .get(0);
        return new Occupancy(
                r.getLong("active"), r.getLong("queued"), r.getLong("same_target"), r.getDouble("first_end"));
    }

    public long countActive(SqlClient c) {
        return BlockingSql.query(c, "SELECT count(*) AS n FROM deployments WHERE status IN " + ACTIVE)
                .get(0)
                .getLong("n");
    }

    /**
     * Accepts up to {@code slots} of the oldest queued deployments (FIFO) whose app+environment has
     * nothing running, for {@code owner} to run. @return their ids
     */
    public List<String> acceptQueued(SqlClient c, long slots, String owner) {
        return ids(BlockingSql.query(
                c,
                "UPDATE deployments SET status = 'accepted', start_time = now(), heartbeat_at = now(), owner_instance = $2, updated_at = now() "
                        + "WHERE id IN (SELECT q.id FROM deployments q WHERE q.status = 'queued' AND NOT EXISTS ("
                        + "SELECT 1 FROM deployments a WHERE a.app = q.app AND a.environment = q.environment AND a.status IN "
                        + ACTIVE + ") ORDER BY q.seq LIMIT $1) RETURNING id",
                slots,
                owner));
    }

    public void requestCancel(SqlClient c, String id) {
        BlockingSql.update(c, "UPDATE deployments SET cancel_requested = true, updated_at = now() WHERE id = $1", id);
    }

    /** The runner's heartbeat; @return whether a cancel was requested meanwhile (by any replica) */
    public boolean heartbeat(String id) {
        return db
                .query("UPDATE deployments SET heartbeat_at = now() WHERE id = $1 RETURNING cancel_requested", id)
                .stream()
                .anyMatch(r -> Boolean.TRUE.equals(r.getBoolean("cancel_requested")));
    }

    /** Ids of deployments under way that {@code owner} ran (after its restart, none of them runs any more). */
    public List<String> activeOwnedBy(String owner) {
        return ids(
                db.query("SELECT id FROM deployments WHERE status IN " + ACTIVE + " AND owner_instance = $1", owner));
    }

    /** Ids of deployments under way whose replica (not {@code self}) has not checked in for {@code silence}. */
    public List<String> activeWithoutHeartbeat(Duration silence, String self) {
        return ids(db.query(
                "SELECT id FROM deployments WHERE status IN " + ACTIVE
                        + " AND coalesce(heartbeat_at, start_time, created_at) < now() - $1::bigint * interval '1 millisecond' "
                        + "AND owner_instance IS DISTINCT FROM $2",
                silence.toMillis(),
                self));
    }

    public void markStepRunning(SqlClient c, String id, int index, String name) {
        BlockingSql.update(
                c,
                "UPDATE deployment_steps SET status = 'running', started_at = now() WHERE deployment_id = $1 AND idx = $2",
                id,
                index);
        BlockingSql.update(
                c,
                "UPDATE deployments SET status = 'running', current_step = $2, updated_at = now() "
                        + "WHERE id = $1 AND status IN " + ACTIVE,
                id,
                name);
    }

    public void markStepEnded(SqlClient c, String id, int index, String stepStatus, Integer exitCode, double progress) {
        BlockingSql.update(
                c,
                "UPDATE deployment_steps SET status = $3, ended_at = now(), exit_code = $4 WHERE deployment_id = $1 AND idx = $2",
                id,
                index,
                stepStatus,
                exitCode);
        BlockingSql.update(
                c,
                "UPDATE deployments SET progress = $2, completed_steps = (SELECT count(*) FROM deployment_steps "
                        + "WHERE deployment_id = $1 AND status IN ('completed', 'skipped')), updated_at = now() WHERE id = $1",
                id,
                progress);
    }

    /**
     * Writes the final state of an unfinished deployment and closes its open steps: the running one
     * ends as {@code runningStep}, pending ones as skipped.
     * @return false when the deployment had already finished
     */
    public boolean markFinished(
            SqlClient c, String id, DeploymentStatus status, String error, Integer exitCode, String runningStep) {
        int changed = BlockingSql.update(
                c,
                "UPDATE deployments SET status = $2, error = $3, exit_code = $4, end_time = now(), "
                        + "start_time = coalesce(start_time, now()), updated_at = now(), "
                        + "progress = CASE WHEN $2 = 'completed' THEN 100 ELSE progress END "
                        + "WHERE id = $1 AND status IN " + UNFINISHED,
                id,
                status.wire(),
                error,
                exitCode);
        if (changed == 0) {
            return false;
        }
        BlockingSql.update(
                c,
                "UPDATE deployment_steps SET status = CASE WHEN status = 'running' THEN $2 ELSE 'skipped' END, "
                        + "ended_at = CASE WHEN status = 'running' THEN now() ELSE ended_at END "
                        + "WHERE deployment_id = $1 AND status IN ('pending', 'running')",
                id,
                runningStep);
        return true;
    }

    /** Counts over every deployment, for the health endpoint. */
    public DeploymentStatistics statistics() {
        Row r = db.query(
                        "SELECT count(*) FILTER (WHERE status IN ('completed', 'failed', 'cancelled', 'timed_out')) AS total, "
                                + "count(*) FILTER (WHERE status = 'completed') AS ok, count(*) FILTER (WHERE status = 'failed') AS failed, "
                                + "count(*) FILTER (WHERE status = 'cancelled') AS cancelled, count(*) FILTER (WHERE status = 'timed_out') AS timed_out, "
                                + "count(*) FILTER (WHERE status IN " + ACTIVE
                                + ") AS active, count(*) FILTER (WHERE status = 'queued') AS queued, "
                                + "coalesce(avg(extract(epoch FROM end_time - start_time)) FILTER (WHERE status = 'completed'), 0)::float8 AS avg_time "
                                + "FROM deployments")
                .get(0);
        return new DeploymentStatistics(
                r.getLong("total"),
                r.getLong("ok"),
                r.getLong("failed"),
                r.getLong("cancelled"),
                r.getLong("timed_out"),
                r.getLong("active"),
                r.getLong("queued"),
                r.getDouble("avg_time"));
    }

    private Deployment map(Row r) {
        return new Deployment(
                r.getString("id"),
                r.getLong("seq"),
                r.getString("app"),
                r.getString("environment"),
                r.getString("requested_mode"),
                Mode.parse(r.getString("mode")).orElseThrow(),
                DeploymentStatus.of(r.getString("status")),
                r.getString("initiator"),
                r.getString("profile"),
                parseList(r.getString("env_names")),
                r.getString("env_secret"),
                r.getInteger("timeout_seconds"),
                r.getBoolean("force_rebuild"),
                r.getBoolean("skip_health_check"),
                r.getString("callback_url"),
                r.getString("webhook_secret"),
                parseMap(r.getString("metadata")),
                r.getInteger("estimated_duration"),
                r.getString("current_step"),
                r.getDouble("progress"),
                r.getInteger("completed_steps"),
                r.getInteger("total_steps"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("start_time"),
                r.getOffsetDateTime("end_time"),
                r.getOffsetDateTime("updated_at"),
                r.getString("error"),
                r.getInteger("exit_code"),
                r.getBoolean("cancel_requested"),
                r.getString("owner_instance"),
                r.getString("redeploy_of"));
    }

    private static List<String> ids(List<Row> rows) {
        return rows.stream().map(r -> r.getString("id")).toList();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> parseList(String json) {
        try {
            return json == null
                    ? List.of()
                    : new ArrayList<>(mapper.readValue(json, new TypeReference<List<String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> parseMap(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
