package dev.opsuite.l10n.entries;

import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.db.BinaryCopy;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.EntryChanges;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;

/**
 * Bulk writes of translation entries (import, sync commit) on a JDBC connection inside the caller's
 * transaction, a few statements per batch whatever its size: new rows are COPYed into the table,
 * changed rows go through a staging table (history, then update). Every batch logs its locales in
 * {@link EntryChanges}. Callers lock the rows they change first ({@link #lockByKeys}).
 */
public final class EntryStore {
    private EntryStore() {}

    /** A row to write: {@code previous} null = insert. */
    public record Write(String uid, EntryContent content, String qaJson, String cid, EntryRow previous) {
        public static Write insert(EntryContent content, String qaJson, String cid) {
            return new Write(Uids.ordered(Uids.ENTRY), content, qaJson, cid, null);
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
        // probed in index order, each lookup lands next to the previous one instead of anywhere
        TreeSet<String> sorted = new TreeSet<>();
        for (int i = 0; i < files.size(); i++) {
            sorted.add(key(files.get(i), keys.get(i)));
        }
        String[] sortedFiles = new String[sorted.size()];
        String[] sortedKeys = new String[sorted.size()];
        int n = 0;
        for (String k : sorted) {
            int cut = k.indexOf('\n');
            sortedFiles[n] = k.substring(0, cut);
            sortedKeys[n++] = k.substring(cut + 1);
        }
        try (Statement s = c.createStatement()) {
            nestedLoops(s);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EntryRow.columns("t")
                + " FROM translation_entries t JOIN unnest(?::text[], ?::text[]) AS k(f, k)"
                + " ON t.language_file_uid = k.f AND t.key = k.k ORDER BY t.uid FOR UPDATE OF t")) {
            ps.setArray(1, c.createArrayOf("text", sortedFiles));
            ps.setArray(2, c.createArrayOf("text", sortedKeys));
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
        List<Write> inserts = new ArrayList<>();
        List<Write> updates = new ArrayList<>();
        for (Write w : writes) {
            (w.previous() == null ? inserts : updates).add(w);
        }
        if (!updates.isEmpty()) {
            update(c, updates, actor, perFile);
        }
        if (!inserts.isEmpty()) {
            insert(c, inserts, perFile);
        }
        sourceTexts(c, writes);
        EntryChanges.recordFiles(c, perFile.keySet());
        return perFile;
    }

    /**
     * New rows are COPYed straight into the table (binary format) with their revisions reserved up
     * front: COPY inserts them in batches (heap pages filled together, one WAL record per page), which
     * it only does when no column falls back to a volatile default such as nextval().
     */
    private static void insert(Connection c, List<Write> inserts, Map<String, long[]> perFile) throws SQLException {
        long[] revisions = reserveRevisions(c, inserts.size());
        try (BinaryCopy copy = BinaryCopy.start(
                c,
                "COPY translation_entries (uid, language_file_uid, key, src_text, dst_text, status, qa_flags, "
                        + "version, cid, bloom_h1, bloom_h2, revision) FROM STDIN (FORMAT binary)")) {
            for (int i = 0; i < inserts.size(); i++) {
                Write w = inserts.get(i);
                long[] h = Cids.bloomHashes(w.cid());
                copy.row(12)
                        .text(w.uid())
                        .text(w.content().languageFileUid())
                        .text(w.content().key())
                        .text(w.content().srcText())
                        .text(w.content().dstText())
                        .text(w.content().status())
                        .jsonb(w.qaJson())
                        .int8(1)
                        .text(w.cid())
                        .int8(h[0])
                        .int8(h[1])
                        .int8(revisions[i]);
                long[] v = perFile.computeIfAbsent(w.content().languageFileUid(), k -> new long[2]);
                v[0]++;
                v[1] = Math.max(v[1], revisions[i]);
            }
            copy.finish();
        }
    }

    /** n values of entry_revision_seq in one round trip, in the order the sequence gave them. */
    private static long[] reserveRevisions(Connection c, int n) throws SQLException {
        long[] out = new long[n];
        try (PreparedStatement ps =
                c.prepareStatement("SELECT nextval('entry_revision_seq') FROM generate_series(1, ?) ORDER BY 1")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    out[i] = rs.getLong(1);
                }
            }
        }
        return out;
    }

    /**
     * Changed rows go through a temporary staging table: one statement keeps their superseded
     * contents in entry_history, one updates them (version + 1, next revision) where the version is
     * still the one the caller read; any other count means a concurrent writer (40001, retried).
     */
    private static void update(Connection c, List<Write> updates, String actor, Map<String, long[]> perFile)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS entry_stage (uid text, language_file_uid text, key text, "
                    + "src_text text, dst_text text, status text, qa_flags text, cid text, bloom_h1 bigint, bloom_h2 bigint, "
                    + "expected_version bigint) "
                    + "ON COMMIT DELETE ROWS");
            s.execute("TRUNCATE entry_stage");
        }
        StringBuilder sb = new StringBuilder(updates.size() * 256);
        for (Write w : updates) {
            stageRow(sb, w);
        }
        try {
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY entry_stage FROM STDIN", new StringReader(sb.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int updated;
        try (Statement s = c.createStatement()) {
            // keyed batches are index lookups by uid; the staging table has no statistics to say so
            nestedLoops(s);
            s.executeUpdate("INSERT INTO entry_history (entry_uid, version, src_text, dst_text, status, changed_by) "
                    + "SELECT t.uid, t.version, t.src_text, t.dst_text, t.status, " + literal(actor)
                    + " FROM translation_entries t JOIN entry_stage s ON s.uid = t.uid AND s.expected_version = t.version "
                    + "ON CONFLICT DO NOTHING");
            try (var rs =
                    s.executeQuery("UPDATE translation_entries t SET src_text = s.src_text, dst_text = s.dst_text, "
                            + "status = s.status, qa_flags = s.qa_flags::jsonb, cid = s.cid, bloom_h1 = s.bloom_h1, "
                            + "bloom_h2 = s.bloom_h2, version = t.version + 1, revision = nextval('entry_revision_seq'), "
                            + "updated_at = now() FROM entry_stage s WHERE t.uid = s.uid "
                            + "AND t.version = s.expected_version RETURNING t.language_file_uid, t.revision")) {
                updated = summarize(rs, perFile);
            }
        }
        if (updated != updates.size()) {
            throw new SQLException(
                    "entries changed concurrently (" + updated + "/" + updates.size() + " updated)", "40001");
        }
    }

    /** Every distinct source text once, for translation memory's trigram search. */
    private static void sourceTexts(Connection c, List<Write> writes) throws SQLException {
        Set<String> texts = new HashSet<>();
        for (Write w : writes) {
            String src = w.content().srcText();
            if (src != null && !src.isEmpty()) {
                texts.add(src);
            }
        }
        if (texts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO source_texts (hash, text) SELECT md5(t), t "
                + "FROM unnest(?::text[]) AS t ORDER BY 1 ON CONFLICT DO NOTHING")) {
            ps.setArray(1, c.createArrayOf("text", texts.toArray()));
            ps.executeUpdate();
        }
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

    /** An entry_stage row in COPY text format. */
    private static void stageRow(StringBuilder sb, Write w) {
        field(sb, w.uid()).append('\t');
        content(sb, w);
        field(sb, w.cid()).append('\t');
        long[] h = Cids.bloomHashes(w.cid());
        sb.append(h[0]).append('\t').append(h[1]).append('\t');
        sb.append(w.previous().version()).append('\n');
    }

    /** language_file_uid, key, src_text, dst_text, status, qa_flags. */
    private static void content(StringBuilder sb, Write w) {
        field(sb, w.content().languageFileUid()).append('\t');
        field(sb, w.content().key()).append('\t');
        field(sb, w.content().srcText()).append('\t');
        field(sb, w.content().dstText()).append('\t');
        field(sb, w.content().status()).append('\t');
        field(sb, w.qaJson()).append('\t');
    }

    /** COPY text format: \N for null; backslash, tab, newline and carriage return escaped. */
    static StringBuilder field(StringBuilder sb, String v) {
        if (v == null) {
            return sb.append("\\N");
        }
        int first = 0;
        while (first < v.length() && !needsEscape(v.charAt(first))) {
            first++;
        }
        // most texts need no escape at all: copied in one go
        sb.append(v, 0, first);
        for (int i = first; i < v.length(); i++) {
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

    private static boolean needsEscape(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
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
