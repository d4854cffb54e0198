package dev.opsuite.deployment.domain;

import dev.opsuite.common.persistence.BlockingSql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/** The {@code deployment_logs} table: stored (already masked) log lines by offset. */
@ApplicationScoped
public class DeploymentLogs {
    private final BlockingSql db;

    public DeploymentLogs(BlockingSql db) {
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

    /** The offset the next line of this deployment gets (a redeployed run continues after what is stored). */
    public long nextOffset(String id) {
        return db.query(
                        "SELECT coalesce(max(line_no) + 1, 0) AS next FROM deployment_logs WHERE deployment_id = $1",
                        id)
                .get(0)
                .getLong("next");
    }

    /** Stores a batch in one statement; a line already stored (same offset) is kept as it was. */
    public void append(String id, List<LogLine> batch) {
        Long[] offsets = new Long[batch.size()];
        String[] streams = new String[batch.size()];
        String[] lines = new String[batch.size()];
        OffsetDateTime[] times = new OffsetDateTime[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            LogLine l = batch.get(i);
            offsets[i] = l.offset();
            streams[i] = l.stream();
            lines[i] = l.line();
            times[i] = l.timestamp();
        }
        // each line keeps the time it was read, not the time its batch was written
        db.update(
                "INSERT INTO deployment_logs (deployment_id, line_no, stream, line, logged_at) "
                        + "SELECT $1, o, s, l, t FROM unnest($2::bigint[], $3::text[], $4::text[], $5::timestamptz[]) AS x(o, s, l, t) "
                        + "ON CONFLICT DO NOTHING",
                id,
                offsets,
                streams,
                lines,
                times);
    }
}
