package dev.opsuite.telemetry.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes executions; the first terminal report of an execution wins, later ones are absorbed. */
@ApplicationScoped
public class ExecutionStore {
    private static final String INSERT_FINISHED_DEPLOYMENT = """
            INSERT INTO executions (execution_id, random_id, type, nsapp, status, exit_code, error, error_category,
                                    install_duration, started_at, finished_at)
            VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (execution_id) DO NOTHING""";

    /** @return true when a row was written, false when the execution was already finished */
    public Uni<Boolean> recordFinished(SqlClient connection, DeploymentExecution e) {
        Tuple args = Tuple.tuple()
                .addString(e.executionId())
                .addString(DeploymentExecution.TYPE)
                .addString(e.app())
                .addString(e.status())
                .addInteger(e.exitCode())
                .addString(e.error())
                .addString(e.errorCategory())
                .addInteger(e.durationSeconds())
                .addOffsetDateTime(OffsetDateTime.ofInstant(e.startedAt(), ZoneOffset.UTC))
                .addOffsetDateTime(OffsetDateTime.ofInstant(e.finishedAt(), ZoneOffset.UTC));
        return connection.preparedQuery(INSERT_FINISHED_DEPLOYMENT).execute(args).map(rows -> rows.rowCount() == 1);
    }
}
