package dev.opsuite.telemetry.domain;

import dev.opsuite.telemetry.ingest.ErrorText;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes finished deployments of the suite as executions (reactive client, inside the inbox
 * transaction); the first terminal report of an execution wins, later ones are absorbed. The
 * rollups move in the same transaction.
 */
@ApplicationScoped
public class ExecutionStore {
    private static final String INSERT_FINISHED_DEPLOYMENT = """
            INSERT INTO executions (execution_id, random_id, type, nsapp, status, exit_code, error, error_category,
                                    install_duration, started_at, finished_at, error_pattern, protocol)
            VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'internal')
            ON CONFLICT (execution_id) DO NOTHING""";

    /** @return true when a row was written, false when the execution was already finished */
    public Uni<Boolean> recordFinished(SqlClient connection, DeploymentExecution e) {
        OffsetDateTime started = OffsetDateTime.ofInstant(e.startedAt(), ZoneOffset.UTC);
        String pattern = "failed".equals(e.status()) ? ErrorText.pattern(e.error()) : null;
        Tuple args = Tuple.tuple()
                .addString(e.executionId())
                .addString(DeploymentExecution.TYPE)
                .addString(e.app())
                .addString(e.status())
                .addInteger(e.exitCode())
                .addString(e.error())
                .addString(e.errorCategory())
                .addInteger(e.durationSeconds())
                .addOffsetDateTime(started)
                .addOffsetDateTime(OffsetDateTime.ofInstant(e.finishedAt(), ZoneOffset.UTC))
                .addString(pattern);
        return connection
                .preparedQuery(INSERT_FINISHED_DEPLOYMENT)
                .execute(args)
                .map(rows -> rows.rowCount() == 1)
                .call(written -> {
                    if (!written) {
                        return Uni.createFrom().voidItem();
                    }
                    Map<String, Object> row = new HashMap<>();
                    row.put("started_at", started);
                    row.put("nsapp", e.app());
                    row.put("type", DeploymentExecution.TYPE);
                    row.put("status", e.status());
                    row.put("error_category", e.errorCategory());
                    row.put("install_duration", e.durationSeconds());
                    row.put("error_pattern", pattern);
                    return Rollups.apply(connection, Rollups.changes(null, row));
                });
    }
}
