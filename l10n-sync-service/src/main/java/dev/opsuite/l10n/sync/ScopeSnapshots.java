package dev.opsuite.l10n.sync;

import dev.opsuite.l10n.L10nConfig;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.EntryChanges;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Each instance keeps the scopes clients handshake with in memory ({@link ScopeSnapshot}), so a
 * handshake tests the client's filter against arrays instead of reading every entry in scope from
 * PostgreSQL. A snapshot is used only while no transaction its database snapshot could not see has
 * changed the scope's locale ({@link EntryChanges}, one indexed query); otherwise, or once it is older
 * than {@code l10n.sync.snapshot-max-age}, it is read again. A committed session refreshes the cached
 * scopes it changed in the background, so the next handshake finds them current. The least recently
 * used scopes are dropped beyond {@code l10n.sync.snapshot-max-entries} entries in all.
 */
@ApplicationScoped
public class ScopeSnapshots {
    private static final Logger LOG = Logger.getLogger(ScopeSnapshots.class);
    private static final int FETCH = 20_000;

    private final Jdbc jdbc;
    private final L10nConfig config;
    private final Map<SyncScope, ScopeSnapshot> cache = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<SyncScope, ReentrantLock> building = new ConcurrentHashMap<>();

    public ScopeSnapshots(Jdbc jdbc, L10nConfig config) {
        this.jdbc = jdbc;
        this.config = config;
    }

    /** The scope's entries as they are now (read again if anything changed them). */
    ScopeSnapshot current(SyncScope scope) {
        ScopeSnapshot cached = cached(scope);
        if (cached != null && isCurrent(scope, cached)) {
            return cached;
        }
        ReentrantLock lock = building.computeIfAbsent(scope, s -> new ReentrantLock());
        lock.lock();
        try {
            // another request may have read it while this one waited
            ScopeSnapshot again = cached(scope);
            if (again != null && again != cached && isCurrent(scope, again)) {
                return again;
            }
            ScopeSnapshot fresh = read(scope);
            remember(scope, fresh);
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    /** After a commit: reads the cached scopes it changed again, in the background. */
    public void refreshStaleSoon() {
        List<SyncScope> scopes;
        synchronized (cache) {
            scopes = List.copyOf(cache.keySet());
        }
        if (scopes.isEmpty()) {
            return;
        }
        Thread.ofVirtual().name("l10n-scope-refresh").start(() -> {
            for (SyncScope scope : scopes) {
                try {
                    current(scope);
                } catch (RuntimeException e) {
                    LOG.debugf("refreshing the snapshot of %s failed (the next handshake reads it): %s", scope, e);
                }
            }
        });
    }

    private ScopeSnapshot cached(SyncScope scope) {
        synchronized (cache) {
            return cache.get(scope);
        }
    }

    private boolean isCurrent(SyncScope scope, ScopeSnapshot s) {
        if (s.builtAt.plus(config.sync().snapshotMaxAge()).isBefore(Instant.now())) {
            return false;
        }
        return !jdbc.tx(c -> EntryChanges.changedSince(c, s.databaseSnapshot, scope.locale()));
    }

    private void remember(SyncScope scope, ScopeSnapshot fresh) {
        synchronized (cache) {
            cache.put(scope, fresh);
            long total = 0;
            for (ScopeSnapshot s : cache.values()) {
                total += s.size();
            }
            // least recently used first; the one just read stays even when it alone is over the bound
            for (Iterator<Map.Entry<SyncScope, ScopeSnapshot>> it =
                            cache.entrySet().iterator();
                    it.hasNext() && total > config.sync().snapshotMaxEntries(); ) {
                Map.Entry<SyncScope, ScopeSnapshot> e = it.next();
                if (!e.getKey().equals(scope)) {
                    total -= e.getValue().size();
                    it.remove();
                }
            }
        }
    }

    /** Every entry in scope with its CID, Bloom hashes and revision, under one database snapshot. */
    private ScopeSnapshot read(SyncScope scope) {
        long started = System.nanoTime();
        ScopeSnapshot s = jdbc.tx(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            // taken first, so the scan below runs under exactly this snapshot
            String databaseSnapshot = EntryChanges.snapshot(c);
            List<Object> params = new ArrayList<>();
            String sql = "SELECT e.cid, e.bloom_h1, e.bloom_h2, e.revision" + scope.where(params);
            ScopeSnapshot.Builder b = new ScopeSnapshot.Builder();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                Jdbc.bind(ps, params.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        b.add(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                    }
                }
            }
            return b.build(databaseSnapshot, Instant.now());
        });
        LOG.debugf(
                "read the snapshot of %s: %d entries in %d ms",
                scope, s.size(), (System.nanoTime() - started) / 1_000_000);
        return s;
    }
}
