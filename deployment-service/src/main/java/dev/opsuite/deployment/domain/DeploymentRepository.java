package dev.opsuite.deployment.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.deployment.db.Db;
import dev.opsuite.deployment.modes.Mode;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for deployments and their steps. Methods taking a SqlClient take part in the caller's transaction. */
@ApplicationScoped
public class DeploymentRepository {
    static final String COLUMNS = "id, seq, app, environment, requested_mode, mode, status, initiator, profile, "
            + "env_names::text AS env_names, env_secret, timeout_seconds, force_rebuild, skip_health_check, callback_url, "
            + "webhook_secret, metadata::text AS metadata, estimated_duration, current_step, progress, completed_steps, "
            + "total_steps, created_at, start_time, end_time, updated_at, error, exit_code, cancel_requested, owner_instance, redeploy_of";

    private final Db db;
    private final ObjectMapper mapper;

    public DeploymentRepository(Db db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    public Optional<Deployment> find(String id) {
        return find(db.pool(), id);
    }

    public Optional<Deployment> find(SqlClient c, String id) {
        return Db.query(c, "SELECT " + COLUMNS + " FROM deployments WHERE id = $1", id).stream()
                .findFirst()
                .map(this::map);
    }

    public Optional<Deployment> findForUpdate(SqlClient c, String id) {
        return Db.query(c, "SELECT " + COLUMNS + " FROM deployments WHERE id = $1 FOR UPDATE", id).stream()
                .findFirst()
                .map(this::map);
    }

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
        Db.update(
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
            Db.update(
                    c,
                    "INSERT INTO deployment_steps (deployment_id, idx, name, weight) VALUES ($1, $2, $3, $4)",
                    id,
                    i,
                    names.get(i),
                    weights.get(i));
        }
        Db.update(c, "UPDATE deployments SET total_steps = $2 WHERE id = $1", id, names.size());
    }

    public List<StepRecord> steps(String id) {
        return steps(db.pool(), id);
    }

    public List<StepRecord> steps(SqlClient c, String id) {
        return Db.query(
                        c,
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
        return db
                .query(
                        "SELECT id FROM deployments WHERE app = $1 AND status IN ('queued', 'accepted', 'running') ORDER BY seq",
                        app)
                .stream()
                .map(r -> r.getString("id"))
                .toList();
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
        List<Row> rows = Db.query(
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

    public Deployment map(Row r) {
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

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    String json(Object value) {
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
