package dev.opsuite.deployment.domain;

import dev.opsuite.deployment.api.LogLine;
import dev.opsuite.deployment.db.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads stored (already masked) log lines by offset. */
@ApplicationScoped
public class DeploymentLogs {
    private final Db db;

    public DeploymentLogs(Db db) {
        this.db = db;
    }

    public List<LogLine> read(String id, long fromOffset, int limit) {
        return db
                .query(
                        "SELECT line_no, stream, line, logged_at FROM deployment_logs WHERE deployment_id = $1 AND line_no >= $2 "
                                + "ORDER BY line_no LIMIT $3",
                        id,
                        fromOffset,
                        limit)
                .stream()
                .map(r -> new LogLine(
                        r.getLong("line_no"),
                        r.getString("stream"),
                        r.getString("line"),
                        r.getOffsetDateTime("logged_at")))
                .toList();
    }

    public long count(String id) {
        return db.query("SELECT count(*) AS n FROM deployment_logs WHERE deployment_id = $1", id)
                .get(0)
                .getLong("n");
    }
}
