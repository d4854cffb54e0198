package dev.opsuite.l10n.sync;

/** The state of a chunk after a part: {received_bytes, total_bytes, status: partial|complete, next_offset}. */
public record ChunkPart(
        String cid, long receivedBytes, long totalBytes, String status, long nextOffset, Integer entries) {
    public static ChunkPart complete(String cid, long total, int entries) {
        return new ChunkPart(cid, total, total, "complete", total, entries);
    }
}
