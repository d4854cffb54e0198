package dev.opsuite.automation.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A row of {@code tasks}: one SSH, script, Ansible or workflow run. */
public record Task(
        long id,
        String taskId,
        TaskKind kind,
        TaskStatus status,
        String outcome,
        String error,
        String clusterName,
        List<String> targetNodes,
        String command,
        Long refId,
        String refName,
        Long credentialId,
        Map<String, Object> request,
        String output,
        int progress,
        String message,
        String currentStep,
        String waitingFor,
        Integer totalSteps,
        int successCount,
        int failedCount,
        String userId,
        String username,
        String ownerInstance,
        boolean cancelRequested,
        OffsetDateTime createdAt,
        OffsetDateTime startTime,
        OffsetDateTime endTime) {

    public static final String COLUMNS =
            "id, task_id, kind, status, outcome, error, cluster_name, target_nodes::text AS target_nodes, "
                    + "command, ref_id, ref_name, credential_id, request::text AS request, output, progress, message, current_step, "
                    + "waiting_for, total_steps, success_count, failed_count, user_id, username, owner_instance, cancel_requested, created_at, "
                    + "start_time, end_time";

    /** Same columns without the (possibly large) output, for lists. */
    public static final String LIST_COLUMNS = COLUMNS.replace(", output,", ", NULL::text AS output,");

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Task from(Row r) {
        return new Task(
                r.getLong("id"),
                r.getString("task_id"),
                TaskKind.of(r.getString("kind")),
                TaskStatus.of(r.getString("status")),
                r.getString("outcome"),
                r.getString("error"),
                r.getString("cluster_name"),
                read(r.getString("target_nodes"), new TypeReference<List<String>>() {}),
                r.getString("command"),
                r.getLong("ref_id"),
                r.getString("ref_name"),
                r.getLong("credential_id"),
                read(r.getString("request"), new TypeReference<Map<String, Object>>() {}),
                r.getString("output"),
                r.getInteger("progress"),
                r.getString("message"),
                r.getString("current_step"),
                r.getString("waiting_for"),
                r.getInteger("total_steps"),
                r.getInteger("success_count"),
                r.getInteger("failed_count"),
                r.getString("user_id"),
                r.getString("username"),
                r.getString("owner_instance"),
                r.getBoolean("cancel_requested"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("start_time"),
                r.getOffsetDateTime("end_time"));
    }

    /** Whole seconds between start and end, as the seed shows {@code duration}; null while running. */
    public Long durationSeconds() {
        return endTime == null ? null : Duration.between(startTime, endTime).toSeconds();
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : JSON.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable JSON column", e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
