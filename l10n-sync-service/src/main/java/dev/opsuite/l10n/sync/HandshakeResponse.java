package dev.opsuite.l10n.sync;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code missing_cids}: in scope, not in the client's filter (it lacks them for sure);
 * {@code confirm}: in scope and in the filter, to be confirmed with POST /sync/confirm (a Bloom
 * "maybe" never skips data); {@code revision}: pass it as {@code since} next time.
 */
public record HandshakeResponse(
        String sessionId,
        List<String> missingCids,
        List<String> confirm,
        List<DictAdvice> dictAdvice,
        Limits limits,
        long inScope,
        long revision,
        double expectedFalsePositiveRate,
        OffsetDateTime expiresAt) {

    public record DictAdvice(
            String dictId, double compressionRatio, double plainRatio, boolean clientHasIt, String url) {}

    public record Limits(long maxChunkMb, long maxConcurrent) {}
}
