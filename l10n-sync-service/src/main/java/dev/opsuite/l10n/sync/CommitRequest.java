package dev.opsuite.l10n.sync;

import java.util.List;

/** POST /sync/commit. */
public record CommitRequest(String sessionId, List<ChunkRef> chunks, String mergeStrategy, String conflictResolution) {
    public record ChunkRef(String cid, String status) {}
}
