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
 * against the current entries, so a change since the handshake is not lost either.
 */
@ApplicationScoped
public class ConfirmService {
    private final Jdbc jdbc;

    public ConfirmService(Jdbc jdbc) {
        this.jdbc = jdbc;
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
        return jdbc.tx(c -> {
            SyncSession s = SyncSessions.requireOpen(c, req.sessionId(), true);
            BloomFilter bloom = new BloomFilter(s.bloomK(), s.bloomM(), SyncSessions.bloomBits(c, s.id()));
            List<Object> params = new ArrayList<>();
            String where = s.scope().where(params);
            List<String> falsePositives = new ArrayList<>();
            long[] candidates = {0};
            HandshakeService.scan(c, where, params, s.sinceRevision(), (cid, h1, h2, rev) -> {
                if (bloom.mightContain(h1, h2)) {
                    candidates[0]++;
                    if (!have.contains(cid)) {
                        falsePositives.add(cid);
                    }
                }
            });
            Jdbc.update(
                    c,
                    "UPDATE sync_sessions SET confirmed = true, confirm_count = ?, false_positives = ?, "
                            + "missing_count = missing_count + ? WHERE id = ?",
                    candidates[0],
                    (long) falsePositives.size(),
                    (long) falsePositives.size(),
                    s.id());
            double rate = candidates[0] == 0 ? 0 : (double) falsePositives.size() / candidates[0];
            return new ConfirmResponse(
                    s.id(), falsePositives, candidates[0] - falsePositives.size(), falsePositives.size(), rate);
        });
    }
}
