package dev.opsuite.automation.domain;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.time.OffsetDateTime;

/** A row of {@code workflow_steps}: a step's state within one workflow run. */
public record WorkflowStep(
        String taskId,
        int idx,
        String stepId,
        String name,
        String type,
        String status,
        int attempts,
        String result,
        String message,
        int progress,
        OffsetDateTime startTime,
        OffsetDateTime endTime) {

    public static final String COLUMNS =
            "task_id, idx, step_id, name, type, status, attempts, result, message, progress, start_time, end_time";

    public static WorkflowStep from(Row r) {
        return new WorkflowStep(
                r.getString("task_id"),
                r.getInteger("idx"),
                r.getString("step_id"),
                r.getString("name"),
                r.getString("type"),
                r.getString("status"),
                r.getInteger("attempts"),
                r.getString("result"),
                r.getString("message"),
                r.getInteger("progress"),
                r.getOffsetDateTime("start_time"),
                r.getOffsetDateTime("end_time"));
    }

    public Long durationSeconds() {
        return startTime == null || endTime == null
                ? null
                : Duration.between(startTime, endTime).toSeconds();
    }
}
