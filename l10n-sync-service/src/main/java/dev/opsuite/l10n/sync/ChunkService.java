package dev.opsuite.l10n.sync;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.L10nConfig;
import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.export.DictionaryService;
import dev.opsuite.l10n.settings.Setting;
import dev.opsuite.l10n.settings.Settings;
import dev.opsuite.l10n.stats.Counters;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resumable, content-addressed chunk upload. Parts append at the upload's offset (a part that starts
 * beyond it is refused with the offset to resume from; a part already received is a no-op); when the
 * last byte arrives the chunk is decompressed within bounds, must hash to its CID and parse as
 * deltas, and moves into the chunk store (or, when already there, just gains a reference).
 */
@ApplicationScoped
public class ChunkService {
    private static final Logger LOG = Logger.getLogger(ChunkService.class);
    static final List<String> ENCODINGS = List.of("identity", "gzip", "zstd");

    private final Jdbc jdbc;
    private final L10nConfig config;
    private final Settings settings;
    private final DictionaryService dictionaries;

    public ChunkService(Jdbc jdbc, L10nConfig config, Settings settings, DictionaryService dictionaries) {
        this.jdbc = jdbc;
        this.config = config;
        this.settings = settings;
        this.dictionaries = dictionaries;
    }

    private record Upload(String sessionId, String encoding, String dictId, long total, long received) {}

    public record Offset(long offset, Long length, boolean complete) {}

    public ChunkPart put(
            String cid, String sessionId, String encodingHeader, String dictId, String range, byte[] body) {
        long started = System.nanoTime();
        requireCid(cid);
        if (sessionId == null || sessionId.isBlank()) {
            throw ApiException.validation("X-Session-Id is required", Map.of("field", "X-Session-Id"));
        }
        String encoding = encodingHeader == null || encodingHeader.isBlank()
                ? "identity"
                : encodingHeader.trim().toLowerCase();
        if (!ENCODINGS.contains(encoding)) {
            throw ApiException.validation(
                    "Unsupported Content-Encoding " + encoding,
                    Map.of("field", "Content-Encoding", "expected", "zstd|gzip|identity", "received", encoding));
        }
        ContentRange r = ContentRange.parse(range, body.length);
        long maxChunk = settings.get(Setting.CHUNK_SIZE_MB) * 1024 * 1024;
        if (r.total() > maxChunk) {
            throw new ApiException(413, "payload_too_large", "Chunks may be at most " + maxChunk + " bytes as sent")
                    .withDetail("max_chunk_bytes", maxChunk);
        }
        byte[] dict = dictId == null ? null : dictionaries.bytes(dictId);
        return jdbc.tx(c -> {
            SyncSessions.requireOpen(c, sessionId, false);
            Optional<Integer> stored = Jdbc.one(c, "SELECT entries FROM chunks WHERE cid = ?", rs -> rs.getInt(1), cid);
            if (stored.isPresent()) {
                // content-addressed: already here (this or another session uploaded it) = nothing to receive
                SyncSessions.attachChunk(c, sessionId, cid);
                Jdbc.update(c, "DELETE FROM chunk_uploads WHERE cid = ?", cid);
                Counters.add(c, Map.of(Counters.CHUNKS_CAS_HITS, 1L, Counters.CHUNK_PARTS, 1L));
                return ChunkPart.complete(cid, r.total(), stored.get());
            }
            Jdbc.update(
                    c,
                    "INSERT INTO chunk_uploads (cid, session_id, encoding, dict_id, total_bytes) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (cid) DO NOTHING",
                    cid,
                    sessionId,
                    encoding,
                    dictId,
                    r.total());
            Upload u = Jdbc.one(
                            c,
                            "SELECT session_id, encoding, dict_id, total_bytes, received_bytes FROM chunk_uploads "
                                    + "WHERE cid = ? FOR UPDATE",
                            rs -> new Upload(
                                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)),
                            cid)
                    .orElseThrow();
            if (u.total() != r.total() || !u.encoding().equals(encoding)) {
                throw ApiException.conflict(
                                "upload_mismatch",
                                "This chunk's upload started with total " + u.total() + " bytes as " + u.encoding()
                                        + "; continue it the same way")
                        .withHeader("Upload-Offset", Long.toString(u.received()));
            }
            if (r.first() > u.received()) {
                throw ApiException.conflict(
                                "offset_mismatch",
                                "Part starts at " + r.first() + " but " + u.received()
                                        + " bytes were received; resume from there (HEAD gives Upload-Offset)")
                        .withDetail("upload_offset", u.received())
                        .withHeader("Upload-Offset", Long.toString(u.received()));
            }
            long received = u.received();
            if (r.last() < received) {
                Counters.add(c, Map.of(Counters.CHUNK_PARTS, 1L, Counters.CHUNK_PARTS_RESENT, 1L));
                return new ChunkPart(cid, received, u.total(), "partial", received, null);
            }
            byte[] tail = Arrays.copyOfRange(body, (int) (received - r.first()), body.length);
            received += tail.length;
            Jdbc.update(
                    c,
                    "UPDATE chunk_uploads SET data = data || ?, received_bytes = ?, updated_at = now() WHERE cid = ?",
                    tail,
                    received,
                    cid);
            Jdbc.update(
                    c,
                    "UPDATE sync_sessions SET bytes_received = bytes_received + ? WHERE id = ?",
                    (long) tail.length,
                    sessionId);
            Counters.add(
                    c,
                    Map.of(
                            Counters.CHUNK_PARTS,
                            1L,
                            Counters.CHUNK_PARTS_RESENT,
                            r.first() < u.received() ? 1L : 0L,
                            Counters.UPLOAD_BYTES,
                            (long) tail.length,
                            Counters.UPLOAD_MILLIS,
                            (System.nanoTime() - started) / 1_000_000));
            if (received < u.total()) {
                return new ChunkPart(cid, received, u.total(), "partial", received, null);
            }
            return finish(c, cid, sessionId, u, dict);
        });
    }

    private ChunkPart finish(Connection c, String cid, String sessionId, Upload u, byte[] dict) throws SQLException {
        byte[] sent = Jdbc.one(c, "SELECT data FROM chunk_uploads WHERE cid = ?", rs -> rs.getBytes(1), cid)
                .orElseThrow();
        byte[] plain;
        List<EntryDelta> deltas;
        try {
            plain = Decompression.decode(
                    sent,
                    u.encoding(),
                    dict,
                    config.sync().maxDecompressed(),
                    config.sync().maxRatio());
            String actual = Cids.ofBytes(plain);
            if (!actual.equals(cid)) {
                throw ApiException.unprocessable(
                                "cid_mismatch",
                                "The chunk's uncompressed bytes hash to " + actual + ", not to " + cid
                                        + "; it was discarded, upload it again")
                        .withDetail("expected", cid)
                        .withDetail("actual", actual);
            }
            deltas = DeltaParser.parse(plain);
        } catch (ApiException e) {
            // refused chunks are discarded in a transaction of their own: this one rolls back with the error
            discard(cid);
            throw e;
        }
        Jdbc.update(
                c,
                "INSERT INTO chunks (cid, data, size_bytes, sent_bytes, entries) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (cid) DO NOTHING",
                cid,
                plain,
                (long) plain.length,
                u.total(),
                deltas.size());
        Jdbc.update(c, "DELETE FROM chunk_uploads WHERE cid = ?", cid);
        SyncSessions.attachChunk(c, sessionId, cid);
        Counters.add(c, Map.of(Counters.CHUNKS_COMPLETED, 1L));
        return ChunkPart.complete(cid, u.total(), deltas.size());
    }

    private void discard(String cid) {
        try {
            jdbc.tx(c -> {
                Jdbc.update(c, "DELETE FROM chunk_uploads WHERE cid = ?", cid);
                Counters.add(c, Map.of(Counters.CHUNKS_REJECTED, 1L));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not discard refused chunk upload %s: %s", cid, e.getMessage());
        }
    }

    /** HEAD: how far an upload got (complete chunks: their full length); empty = never started or refused. */
    public Optional<Offset> offset(String cid) {
        requireCid(cid);
        return jdbc.tx(c -> {
            Optional<Long> done = Jdbc.one(c, "SELECT sent_bytes FROM chunks WHERE cid = ?", rs -> rs.getLong(1), cid);
            if (done.isPresent()) {
                return Optional.of(new Offset(done.get(), done.get(), true));
            }
            return Jdbc.one(
                    c,
                    "SELECT received_bytes, total_bytes FROM chunk_uploads WHERE cid = ?",
                    rs -> new Offset(rs.getLong(1), (Long) rs.getObject(2), false),
                    cid);
        });
    }

    static void requireCid(String cid) {
        if (!Cids.isCid(cid)) {
            throw ApiException.validation(
                    "Not a chunk CID (b3: + 64 lower-case hex digits)",
                    Map.of("field", "cid", "received", cid == null ? "" : cid));
        }
    }
}
