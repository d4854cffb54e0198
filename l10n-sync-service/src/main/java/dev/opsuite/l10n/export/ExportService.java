package dev.opsuite.l10n.export;

import com.google.protobuf.Timestamp;
import dev.opsuite.l10n.cache.CachedPage;
import dev.opsuite.l10n.cache.L10nCache;
import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.EntryRow;
import dev.opsuite.l10n.stats.Counters;
import dev.opsuite.l10n.v6.ExportEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Streams exports straight from PostgreSQL: NDJSON lines are built by the database and copied out with
 * COPY … TO STDOUT into the response as they come (memory stays flat at any size); protobuf rows come
 * from a cursor in batches. Small pages are kept in the cache under the scope's revision, so a cached
 * page is never stale.
 */
@ApplicationScoped
public class ExportService {
    static final int MAX_CACHED_PAGE = 8 * 1024 * 1024;
    private static final int FETCH = 2000;

    private final Jdbc jdbc;
    private final L10nCache cache;

    public ExportService(Jdbc jdbc, L10nCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** The newest revision in the export's scope (its ETag), 0 when empty. */
    public long revision(ExportQuery q) {
        return jdbc.one(
                        "SELECT e.revision" + q.from() + q.whereLiteral(false) + " ORDER BY e.revision DESC LIMIT 1",
                        rs -> rs.getLong(1))
                .orElse(0L);
    }

    public static String etag(long revision) {
        return "\"rev-" + revision + "\"";
    }

    /** @return rows written */
    public long ndjson(ExportQuery q, long revision, OutputStream out) throws IOException {
        String key = q.key("ndjson") + "@" + revision;
        CachedPage cached = cachedPage(key);
        long started = System.nanoTime();
        if (cached != null) {
            out.write(cached.body());
            record(cached.rows(), cached.body().length, started);
            return cached.rows();
        }
        Capture capture = new Capture(out, MAX_CACHED_PAGE);
        String sql =
                "COPY (SELECT " + ExportSql.JSON_LINE + q.from() + q.whereLiteral(true) + " ORDER BY e.revision LIMIT "
                        + q.limit() + ") TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')";
        long rows = copyOut(sql, capture);
        if (capture.captured() != null) {
            cache.put(
                    L10nCache.Kind.EXPORT_PAGE,
                    key,
                    new CachedPage(capture.captured(), rows, etag(revision), revision));
        }
        record(rows, capture.count, started);
        return rows;
    }

    /** NDJSON lines of the entries whose current CID is one of these (the missing ones after a handshake). */
    public long byCids(List<String> cids, OutputStream out) throws IOException {
        if (cids.isEmpty()) {
            return 0;
        }
        StringBuilder list = new StringBuilder("'{");
        // the index is on the CID's first Bloom hash; the CID itself then picks the row
        StringBuilder hashes = new StringBuilder("'{");
        for (int i = 0; i < cids.size(); i++) {
            list.append(i == 0 ? "" : ",").append(cids.get(i)); // validated b3:<hex> strings
            hashes.append(i == 0 ? "" : ",").append(Cids.bloomHashes(cids.get(i))[0]);
        }
        list.append("}'::text[]");
        hashes.append("}'::bigint[]");
        long started = System.nanoTime();
        Capture counting = new Capture(out, 0);
        long rows = copyOut(
                "COPY (SELECT " + ExportSql.JSON_LINE + " FROM translation_entries e WHERE e.bloom_h1 = ANY (" + hashes
                        + ") AND e.cid = ANY (" + list
                        + ") ORDER BY e.revision) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')",
                counting);
        record(rows, counting.count, started);
        return rows;
    }

    private long copyOut(String sql, OutputStream out) throws IOException {
        try (Connection c = jdbc.connection()) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        } catch (SQLException e) {
            throw new IOException("export failed: " + e.getMessage(), e);
        }
    }

    /** Length-delimited ExportEntry messages. */
    public long protobuf(ExportQuery q, OutputStream out) throws IOException {
        long started = System.nanoTime();
        long[] rows = {0};
        Capture counting = new Capture(out, 0);
        try (Connection c = jdbc.connection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EntryRow.columns("e") + q.from()
                    + q.whereLiteral(true) + " ORDER BY e.revision LIMIT " + q.limit())) {
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        toMessage(EntryRow.from(rs)).writeDelimitedTo(counting);
                        rows[0]++;
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("export failed: " + e.getMessage(), e);
        }
        record(rows[0], counting.count, started);
        return rows[0];
    }

    static ExportEntry toMessage(EntryRow r) {
        ExportEntry.Builder b = ExportEntry.newBuilder()
                .setLanguageFileUid(r.languageFileUid())
                .setKey(r.key())
                .setStatus(r.status())
                .setQaFlagsJson(r.qaFlagsJson() == null ? "{}" : r.qaFlagsJson())
                .setVersion(r.version())
                .setCid(r.cid())
                .setRevision(r.revision())
                .setEntryUid(r.uid())
                .setUpdatedAt(Timestamp.newBuilder()
                        .setSeconds(r.updatedAt().toEpochSecond())
                        .setNanos(r.updatedAt().getNano()));
        if (r.srcText() != null) {
            b.setSrcText(r.srcText());
        }
        if (r.dstText() != null) {
            b.setDstText(r.dstText());
        }
        return b.build();
    }

    private CachedPage cachedPage(String key) {
        if (!cache.contains(L10nCache.Kind.EXPORT_PAGE, key)) {
            return null;
        }
        return cache.get(L10nCache.Kind.EXPORT_PAGE, key, () -> null);
    }

    /** Renders a page into the cache (warmup, export_stream tasks). */
    public CachedPage warm(ExportQuery q) {
        long revision = revision(q);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try {
            long rows = ndjson(q, revision, sink);
            return new CachedPage(sink.toByteArray(), rows, etag(revision), revision);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(long rows, long bytes, long startedNanos) {
        try {
            jdbc.tx(c -> {
                Counters.add(
                        c,
                        Map.of(
                                Counters.EXPORT_ROWS,
                                rows,
                                Counters.EXPORT_BYTES,
                                bytes,
                                Counters.EXPORT_MILLIS,
                                (System.nanoTime() - startedNanos) / 1_000_000));
                return null;
            });
        } catch (RuntimeException ignored) {
            // figures are best effort; the export itself succeeded
        }
    }

    /** Counts what passes and keeps a copy up to a limit (0 = no copy). */
    static final class Capture extends FilterOutputStream {
        private final ByteArrayOutputStream copy;
        private final int limit;
        long count;

        Capture(OutputStream out, int limit) {
            super(out);
            this.limit = limit;
            this.copy = limit > 0 ? new ByteArrayOutputStream() : null;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
            keep(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
            keep(b, off, len);
        }

        private void keep(byte[] b, int off, int len) {
            if (copy != null && count <= limit) {
                copy.write(b, off, len);
            }
        }

        byte[] captured() {
            return copy != null && count <= limit ? copy.toByteArray() : null;
        }
    }
}
