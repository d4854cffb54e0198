package dev.opsuite.l10n.sync;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** SQL for {@code sync_sessions} and the references sessions hold on chunks. */
public final class SyncSessions {
    private SyncSessions() {}

    public static SyncSession get(Connection c, String id, boolean lock) throws SQLException {
        return Jdbc.one(
                        c,
                        "SELECT " + SyncSession.COLUMNS + " FROM sync_sessions WHERE id = ?"
                                + (lock ? " FOR UPDATE" : ""),
                        SyncSession::from,
                        id)
                .orElseThrow(
                        () -> ApiException.notFound("No sync session " + id).withDetail("session_id", id));
    }

    /** An open, unexpired session or a 409/410-style error the client can act on. */
    public static SyncSession requireOpen(Connection c, String id, boolean lock) throws SQLException {
        SyncSession s = get(c, id, lock);
        if (!s.open()) {
            String why = s.state().equals("open") ? "expired" : s.state();
            throw ApiException.conflict(
                            "session_not_open", "Sync session " + id + " is " + why + "; start a new handshake")
                    .withDetail("session_id", id)
                    .withDetail("state", why);
        }
        return s;
    }

    public static byte[] bloomBits(Connection c, String id) throws SQLException {
        return Jdbc.one(c, "SELECT bloom_bits FROM sync_sessions WHERE id = ?", rs -> rs.getBytes(1), id)
                .orElseThrow();
    }

    /** Attaches a chunk to a session once; the first attachment takes a reference on the chunk. */
    public static boolean attachChunk(Connection c, String sessionId, String cid) throws SQLException {
        int added = Jdbc.update(
                c, "INSERT INTO session_chunks (session_id, cid) VALUES (?, ?) ON CONFLICT DO NOTHING", sessionId, cid);
        if (added == 1) {
            Jdbc.update(c, "UPDATE chunks SET refcount = refcount + 1, last_used_at = now() WHERE cid = ?", cid);
            Jdbc.update(c, "UPDATE sync_sessions SET chunk_count = chunk_count + 1 WHERE id = ?", sessionId);
        }
        return added == 1;
    }

    public static List<SyncSession> history(Connection c, int limit) throws SQLException {
        return Jdbc.query(
                c,
                "SELECT " + SyncSession.COLUMNS + " FROM sync_sessions ORDER BY created_at DESC, id LIMIT ?",
                SyncSession::from,
                limit);
    }
}
