package dev.opsuite.l10n.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** A row of {@code sync_sessions} (the Bloom bits are read only where they are needed). */
public record SyncSession(
        String id,
        String locale,
        String packUid,
        String projectUid,
        Long sinceRevision,
        int bloomK,
        long bloomM,
        String state,
        long inScope,
        long missingCount,
        long confirmCount,
        boolean confirmed,
        long falsePositives,
        long bytesReceived,
        long bytesSent,
        int chunkCount,
        String resultJson,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        OffsetDateTime committedAt,
        Long durationMs) {

    static final String COLUMNS =
            "id, locale, pack_uid, project_uid, since_revision, bloom_k, bloom_m, state, in_scope, "
                    + "missing_count, confirm_count, confirmed, false_positives, bytes_received, bytes_sent, chunk_count, "
                    + "result::text AS result, created_by, created_at, expires_at, committed_at, duration_ms";

    static SyncSession from(ResultSet rs) throws SQLException {
        return new SyncSession(
                rs.getString("id"),
                rs.getString("locale"),
                rs.getString("pack_uid"),
                rs.getString("project_uid"),
                (Long) rs.getObject("since_revision"),
                rs.getInt("bloom_k"),
                rs.getLong("bloom_m"),
                rs.getString("state"),
                rs.getLong("in_scope"),
                rs.getLong("missing_count"),
                rs.getLong("confirm_count"),
                rs.getBoolean("confirmed"),
                rs.getLong("false_positives"),
                rs.getLong("bytes_received"),
                rs.getLong("bytes_sent"),
                rs.getInt("chunk_count"),
                rs.getString("result"),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("expires_at", OffsetDateTime.class),
                rs.getObject("committed_at", OffsetDateTime.class),
                (Long) rs.getObject("duration_ms"));
    }

    public SyncScope scope() {
        return new SyncScope(locale, projectUid, packUid);
    }

    public boolean open() {
        return state.equals("open") && expiresAt.isAfter(OffsetDateTime.now());
    }
}
