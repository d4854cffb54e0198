package dev.opsuite.l10n.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** A row of {@code queue_tasks}. */
public record Task(
        long id,
        String type,
        String payloadJson,
        int priority,
        String dedupeKey,
        String state,
        int attempts,
        int maxAttempts,
        String leaseOwner,
        String leaseToken,
        OffsetDateTime leaseExpiresAt,
        OffsetDateTime availableAt,
        String outputJson,
        String lastError,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Long processingMs) {

    static final String COLUMNS =
            "id, type, payload::text AS payload, priority, dedupe_key, state, attempts, max_attempts, "
                    + "lease_owner, lease_token, lease_expires_at, available_at, output::text AS output, last_error, created_at, "
                    + "started_at, finished_at, processing_ms";

    static Task from(ResultSet rs) throws SQLException {
        return new Task(
                rs.getLong("id"),
                rs.getString("type"),
                rs.getString("payload"),
                rs.getInt("priority"),
                rs.getString("dedupe_key"),
                rs.getString("state"),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"),
                rs.getString("lease_owner"),
                rs.getString("lease_token"),
                rs.getObject("lease_expires_at", OffsetDateTime.class),
                rs.getObject("available_at", OffsetDateTime.class),
                rs.getString("output"),
                rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class),
                (Long) rs.getObject("processing_ms"));
    }
}
