package dev.opsuite.l10n.entries;

import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.EntryContent;
import dev.opsuite.l10n.domain.EntryRow;
import dev.opsuite.l10n.domain.Uids;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk writes of translation entries (import, sync commit) on a JDBC connection inside the caller's
 * transaction: the new rows are COPYed into a temporary staging table, then one statement keeps the
 * superseded contents in entry_history, one updates the changed rows (version + 1, next revision) and
 * one inserts the new ones. Callers lock the rows they change first ({@link #lockByKeys}).
 */
public final class EntryStore {
    private EntryStore() {}

    /** A row to write: {@code previous} null = insert. */
    public record Write(String uid, EntryContent content, String qaJson, String cid, EntryRow previous) {
        public static Write insert(EntryContent content, String qaJson, String cid) {
            return new Write(Uids.next(Uids.ENTRY), content, qaJson, cid, null);
        }

        public static Write update(EntryRow previous, EntryContent content, String qaJson, String cid) {
            return new Write(previous.uid(), content, qaJson, cid, previous);
        }
    }

    /** Current rows for (file, key) pairs, locked FOR UPDATE; keyed by file + '\n' + key. */
    public static Map<String, EntryRow> lockByKeys(Connection c, List<String> files, List<String> keys)
            throws SQLException {
        Map<String, EntryRow> out = new HashMap<>();
        if (files.isEmpty()) {
            return out;
        }
        try (Statement s = c.createStatement()) {
            nestedLoops(s);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EntryRow.columns("t")
                + " FROM translation_entries t JOIN unnest(?::text[], ?::text[]) AS k(f, k)"
                + " ON t.language_file_uid = k.f AND t.key = k.k ORDER BY t.uid FOR UPDATE OF t")) {
            ps.setArray(1, c.createArrayOf("text", files.toArray()));
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    EntryRow row = EntryRow.from(rs);
                    out.put(key(row.languageFileUid(), row.key()), row);
                }
            }
        }
        return out;
    }

    public static String key(String fileUid, String key) {
        return fileUid + "\n" + key;
    }

    /** Every row of one file, locked. */
    public static Map<String, EntryRow> lockFile(Connection c, String fileUid) throws SQLException {
        Map<String, EntryRow> out = new HashMap<>();
        for (EntryRow r : Jdbc.query(
                c,
                "SELECT " + EntryRow.COLUMNS
                        + " FROM translation_entries WHERE language_file_uid = ? ORDER BY uid FOR UPDATE",
                EntryRow::from,
                fileUid)) {
            out.put(r.key(), r);
        }
        return out;
    }

    /** @return per language file: [entries written, newest revision] */
    public static Map<String, long[]> write(Connection c, List<Write> writes, String actor) throws SQLException {
        Map<String, long[]> perFile = new HashMap<>();
        if (writes.isEmpty()) {
            return perFile;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS entry_stage (uid text, language_file_uid text, key text, "
                    + "src_text text, dst_text text, status text, qa_flags text, cid text, bloom_h1 bigint, bloom_h2 bigint, "
                    + "expected_version bigint) "
                    + "ON COMMIT DELETE ROWS");
            s.execute("TRUNCATE entry_stage");
        }
        copy(c, writes);
        long expectedUpdates = writes.stream().filter(w -> w.previous() != null).count();
        int updated = 0;
        int inserted = 0;
        try (Statement s = c.createStatement()) {
            // a freshly filled temp table has no statistics; without them the planner may hash-join the
            // whole entries table for a few thousand staged rows
            s.execute("ANALYZE entry_stage");
            nestedLoops(s);
            if (expectedUpdates > 0) {
                s.executeUpdate(
                        "INSERT INTO entry_history (entry_uid, version, src_text, dst_text, status, changed_by) "
                                + "SELECT t.uid, t.version, t.src_text, t.dst_text, t.status, " + literal(actor)
                                + " FROM translation_entries t JOIN entry_stage s ON s.uid = t.uid AND s.expected_version = t.version "
                                + "ON CONFLICT DO NOTHING");
                try (var rs =
                        s.executeQuery("UPDATE translation_entries t SET src_text = s.src_text, dst_text = s.dst_text, "
                                + "status = s.status, qa_flags = s.qa_flags::jsonb, cid = s.cid, bloom_h1 = s.bloom_h1, "
                                + "bloom_h2 = s.bloom_h2, version = t.version + 1, revision = nextval('entry_revision_seq'), "
                                + "updated_at = now() FROM entry_stage s WHERE s.expected_version IS NOT NULL AND t.uid = s.uid "
                                + "AND t.version = s.expected_version RETURNING t.language_file_uid, t.revision")) {
                    updated = summarize(rs, perFile);
                }
            }
            if (expectedUpdates < writes.size()) {
                try (var rs = s.executeQuery("INSERT INTO translation_entries (uid, language_file_uid, key, src_text, "
                        + "dst_text, status, qa_flags, version, cid, bloom_h1, bloom_h2) SELECT uid, language_file_uid, key, "
                        + "src_text, dst_text, status, qa_flags::jsonb, 1, cid, bloom_h1, bloom_h2 FROM entry_stage "
                        + "WHERE expected_version IS NULL RETURNING language_file_uid, revision")) {
                    inserted = summarize(rs, perFile);
                }
            }
            s.executeUpdate(
                    "INSERT INTO source_texts (hash, text) SELECT DISTINCT md5(src_text), src_text FROM entry_stage "
                            + "WHERE src_text IS NOT NULL AND src_text <> '' ON CONFLICT DO NOTHING");
        }
        if (updated != expectedUpdates || inserted != writes.size() - expectedUpdates) {
            throw new SQLException(
                    "entries changed concurrently (" + updated + "/" + expectedUpdates + " updated)", "40001");
        }
        return perFile;
    }

    /** Per file: [rows, newest revision] from RETURNING language_file_uid, revision; returns the row count. */
    private static int summarize(ResultSet rs, Map<String, long[]> perFile) throws SQLException {
        int n = 0;
        while (rs.next()) {
            n++;
            long[] v = perFile.computeIfAbsent(rs.getString(1), k -> new long[2]);
            v[0]++;
            v[1] = Math.max(v[1], rs.getLong(2));
        }
        return n;
    }

    /**
     * Keyed batches (a few thousand rows against millions) are index lookups; the planner's estimate
     * for unnest() arrays and temp tables is poor enough that it would otherwise hash the whole table.
     */
    static void nestedLoops(Statement s) throws SQLException {
        s.execute("SET LOCAL enable_hashjoin = off");
        s.execute("SET LOCAL enable_mergejoin = off");
    }

    private static void copy(Connection c, List<Write> writes) throws SQLException {
        StringBuilder sb = new StringBuilder(writes.size() * 200);
        for (Write w : writes) {
            field(sb, w.uid()).append('\t');
            field(sb, w.content().languageFileUid()).append('\t');
            field(sb, w.content().key()).append('\t');
            field(sb, w.content().srcText()).append('\t');
            field(sb, w.content().dstText()).append('\t');
            field(sb, w.content().status()).append('\t');
            field(sb, w.qaJson()).append('\t');
            field(sb, w.cid()).append('\t');
            long[] h = Cids.bloomHashes(w.cid());
            sb.append(h[0]).append('\t').append(h[1]).append('\t');
            field(sb, w.previous() == null ? null : Long.toString(w.previous().version()))
                    .append('\n');
        }
        try {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY entry_stage FROM STDIN", new StringReader(sb.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** COPY text format: \N for null; backslash, tab, newline and carriage return escaped. */
    static StringBuilder field(StringBuilder sb, String v) {
        if (v == null) {
            return sb.append("\\N");
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb;
    }

    private static String literal(String v) {
        return v == null ? "NULL" : "'" + v.replace("'", "''") + "'";
    }

    /** Splits a list into slices of at most n. */
    public static <T> List<List<T>> slices(List<T> all, int n) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += n) {
            out.add(all.subList(i, Math.min(all.size(), i + n)));
        }
        return out;
    }
}
