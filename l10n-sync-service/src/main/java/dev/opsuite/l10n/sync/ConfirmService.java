package dev.opsuite.l10n.sync;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * POST /sync/confirm: the client lists exactly which of the session's "maybe present" CIDs it has; the
 * others were Bloom false positives and are returned as missing. Recomputed from the stored filter
 * against the scope as it is now ({@link ScopeSnapshots}), so a change since the handshake is not lost
 * either.
 */
@ApplicationScoped
public class ConfirmService {
    private final Jdbc jdbc;
    private final ScopeSnapshots snapshots;

    public ConfirmService(Jdbc jdbc, ScopeSnapshots snapshots) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
    }

    public record ConfirmRequest(String sessionId, List<String> have) {}

    public record ConfirmResponse(
            String sessionId,
            List<String> missingCids,
            long confirmed,
            long falsePositives,
            double falsePositiveRate) {}

    public ConfirmResponse confirm(ConfirmRequest req) {
        if (req == null || req.sessionId() == null || req.have() == null) {
            throw ApiException.validation(
                    "session_id and have[] are required",
                    Map.of("field", req == null || req.sessionId() == null ? "session_id" : "have"));
        }
        Set<String> have = new HashSet<>(req.have());
        SyncSession session = jdbc.tx(c -> SyncSessions.requireOpen(c, req.sessionId(), false));
        ScopeSnapshot snapshot = snapshots.current(session.scope());
        return jdbc.tx(c -> {
            SyncSession s = SyncSessions.requireOpen(c, req.sessionId(), true);
            BloomFilter bloom = new BloomFilter(s.bloomK(), s.bloomM(), SyncSessions.bloomBits(c, s.id()));
            List<String> falsePositives = new ArrayList<>();
            long candidates = 0;
            for (int i = 0; i < snapshot.size(); i++) {
                if (s.sinceRevision() != null && snapshot.revision(i) <= s.sinceRevision()) {
                    continue;
                }
                if (snapshot.mightBeIn(bloom, i)) {
                    candidates++;
                    String cid = snapshot.cid(i);
                    if (!have.contains(cid)) {
                        falsePositives.add(cid);
                    }
                }
            }
            Jdbc.update(
                    c,
                    "UPDATE sync_sessions SET confirmed = true, confirm_count = ?, false_positives = ?, "
                            + "missing_count = missing_count + ? WHERE id = ?",
                    candidates,
                    (long) falsePositives.size(),
                    (long) falsePositives.size(),
                    s.id());
            double rate = candidates == 0 ? 0 : (double) falsePositives.size() / candidates;
            return new ConfirmResponse(
                    s.id(), falsePositives, candidates - falsePositives.size(), falsePositives.size(), rate);
        });
    }
}
