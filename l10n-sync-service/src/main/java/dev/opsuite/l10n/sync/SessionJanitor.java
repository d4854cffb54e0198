package dev.opsuite.l10n.sync;

import dev.opsuite.l10n.db.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Expires sessions past their TTL (their partial uploads go, their chunk references are released)
 * and removes chunks no session references any more after a grace period.
 */
@ApplicationScoped
public class SessionJanitor {
    private static final Logger LOG = Logger.getLogger(SessionJanitor.class);

    private final Jdbc jdbc;

    public SessionJanitor(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(every = "${l10n.sync.janitor-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int expired = expire();
            int removed = collect();
            if (expired + removed > 0) {
                LOG.infof("sync janitor: %d sessions expired, %d unreferenced chunks removed", expired, removed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("sync janitor failed: %s", e.getMessage());
        }
    }

    public int expire() {
        return jdbc.tx(c -> {
            var ids = Jdbc.query(
                    c,
                    "SELECT id FROM sync_sessions WHERE state IN ('open') AND expires_at < now() "
                            + "ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED",
                    rs -> rs.getString(1));
            for (String id : ids) {
                Jdbc.update(
                        c,
                        "UPDATE chunks ch SET refcount = refcount - 1 FROM session_chunks sc "
                                + "WHERE sc.session_id = ? AND sc.cid = ch.cid AND ch.refcount > 0",
                        id);
                Jdbc.update(c, "DELETE FROM session_chunks WHERE session_id = ?", id);
                Jdbc.update(c, "DELETE FROM chunk_uploads WHERE session_id = ?", id);
                Jdbc.update(c, "UPDATE sync_sessions SET state = 'expired' WHERE id = ?", id);
            }
            return ids.size();
        });
    }

    /** Chunks without references whose last use is older than an hour. */
    public int collect() {
        return jdbc.update("DELETE FROM chunks WHERE refcount = 0 AND last_used_at < now() - interval '1 hour'");
    }
}
