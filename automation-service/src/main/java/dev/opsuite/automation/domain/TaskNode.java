package dev.opsuite.automation.domain;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A row of {@code task_nodes}: one node's result. {@code status}: pending | running | success | failed
 * | timed_out | cancelled | skipped.
 */
public record TaskNode(
        String taskId,
        int idx,
        String node,
        String host,
        String status,
        Integer exitCode,
        String stdout,
        String stderr,
        String message,
        OffsetDateTime startTime,
        OffsetDateTime endTime) {

    public static final String COLUMNS =
            "task_id, idx, node, host, status, exit_code, stdout, stderr, message, start_time, end_time";

    public static TaskNode from(Row r) {
        return new TaskNode(
                r.getString("task_id"),
                r.getInteger("idx"),
                r.getString("node"),
                r.getString("host"),
                r.getString("status"),
                r.getInteger("exit_code"),
                r.getString("stdout"),
                r.getString("stderr"),
                r.getString("message"),
                r.getOffsetDateTime("start_time"),
                r.getOffsetDateTime("end_time"));
    }

    /** Seconds with millisecond precision; null until the node finished. */
    public Double durationSeconds() {
        if (startTime == null || endTime == null) {
            return null;
        }
        return Duration.between(startTime, endTime).toMillis() / 1000.0;
    }
}
