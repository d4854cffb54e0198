package dev.opsuite.l10n.sync;

import dev.opsuite.l10n.L10nConfig;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.EntryChanges;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Expires sessions past their TTL (their partial uploads go, their chunk references are released),
 * removes chunks no session references any more after a grace period, and prunes the entry change log
 * ({@code l10n.sync.change-log-retention}).
 */
@ApplicationScoped
public class SessionJanitor {
    private static final Logger LOG = Logger.getLogger(SessionJanitor.class);

    private final Jdbc jdbc;
    private final L10nConfig config;

    public SessionJanitor(Jdbc jdbc, L10nConfig config) {
        this.jdbc = jdbc;
        this.config = config;
    }

    @Scheduled(every = "${l10n.sync.janitor-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int expired = expire();
            int removed = collect();
            int pruned = jdbc.tx(c -> EntryChanges.prune(c, config.sync().changeLogRetention()));
            if (expired + removed > 0) {
                LOG.infof("sync janitor: %d sessions expired, %d unreferenced chunks removed", expired, removed);
            }
            LOG.debugf("sync janitor: %d entry change log rows pruned", pruned);
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
