package dev.opsuite.l10n.tm;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.EntryContent;
import dev.opsuite.l10n.domain.EntryRow;
import dev.opsuite.l10n.domain.EntryStatus;
import dev.opsuite.l10n.entries.EntryStore;
import dev.opsuite.l10n.entries.EntryUpdate;
import dev.opsuite.l10n.qa.GlossaryEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translation memory over every entry of a locale: exact matches (the same source text translated in
 * another mod, Minecraft version or pack, most trusted and most frequent first) and fuzzy ones
 * (PostgreSQL pg_trgm similarity of the source texts).
 */
@ApplicationScoped
public class TranslationMemory {
    static final String TRUSTED = "('reviewed', 'locked', 'mt', 'suggested')";

    private final Jdbc jdbc;

    public TranslationMemory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record Source(String entryUid, String languageFileUid, String carrierType, String carrierUid, String key) {}

    public record Exact(String dstText, int uses, int reviewed, List<Source> sources) {}

    public record Fuzzy(String srcText, String dstText, double score, String status, Source source) {}

    public record Suggestions(String entryUid, String srcText, String locale, List<Exact> exact, List<Fuzzy> fuzzy) {}

    private record Target(String uid, String src, String locale) {}

    public Suggestions suggest(String entryUid, int limit) {
        return jdbc.tx(c -> {
            Target t = Jdbc.one(
                            c,
                            "SELECT e.uid, e.src_text, f.locale FROM translation_entries e "
                                    + "JOIN language_files f ON f.uid = e.language_file_uid WHERE e.uid = ?",
                            rs -> new Target(rs.getString(1), rs.getString(2), rs.getString(3)),
                            entryUid)
                    .orElseThrow(() -> ApiException.notFound("No translation entry " + entryUid));
            if (t.src() == null || t.src().isBlank()) {
                return new Suggestions(t.uid(), t.src(), t.locale(), List.of(), List.of());
            }
            Map<String, List<Source>> sources = new HashMap<>();
            Jdbc.query(
                    c,
                    "SELECT e.dst_text, e.uid, e.language_file_uid, f.carrier_type, f.carrier_uid, e.key FROM translation_entries e "
                            + "JOIN language_files f ON f.uid = e.language_file_uid WHERE md5(e.src_text) = md5(?) AND e.src_text = ? "
                            + "AND f.locale = ? AND e.uid <> ? AND e.dst_text IS NOT NULL AND e.dst_text <> '' AND e.status IN "
                            + TRUSTED + " ORDER BY e.uid LIMIT 200",
                    rs -> sources.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Source(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6))),
                    t.src(),
                    t.src(),
                    t.locale(),
                    t.uid());
            List<Exact> exact = Jdbc.query(
                    c,
                    "SELECT e.dst_text, count(*) AS uses, count(*) FILTER (WHERE e.status IN ('reviewed', 'locked')) AS reviewed "
                            + "FROM translation_entries e JOIN language_files f ON f.uid = e.language_file_uid "
                            + "WHERE md5(e.src_text) = md5(?) AND e.src_text = ? AND f.locale = ? AND e.uid <> ? "
                            + "AND e.dst_text IS NOT NULL AND e.dst_text <> '' AND e.status IN " + TRUSTED
                            + " GROUP BY e.dst_text ORDER BY reviewed DESC, uses DESC, e.dst_text LIMIT ?",
                    rs -> new Exact(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getInt(3),
                            List.copyOf(sources.getOrDefault(rs.getString(1), List.of())
                                    .subList(
                                            0,
                                            Math.min(
                                                    10,
                                                    sources.getOrDefault(rs.getString(1), List.of())
                                                            .size())))),
                    t.src(),
                    t.src(),
                    t.locale(),
                    t.uid(),
                    limit);
            List<Fuzzy> fuzzy = Jdbc.query(
                    c,
                    "WITH near AS (SELECT st.hash, st.text, similarity(st.text, ?) AS score FROM source_texts st "
                            + "WHERE st.text % ? AND st.text <> ? ORDER BY score DESC LIMIT 200) "
                            + "SELECT e.src_text, e.dst_text, s.score, e.status, e.uid, e.language_file_uid, "
                            + "f.carrier_type, f.carrier_uid, e.key FROM near s JOIN translation_entries e "
                            + "ON md5(e.src_text) = s.hash AND e.src_text = s.text "
                            + "JOIN language_files f ON f.uid = e.language_file_uid WHERE f.locale = ? "
                            + "AND e.dst_text IS NOT NULL AND e.dst_text <> '' AND e.status IN " + TRUSTED
                            + " ORDER BY s.score DESC, e.uid LIMIT ?",
                    rs -> new Fuzzy(
                            rs.getString(1),
                            rs.getString(2),
                            Math.round(rs.getDouble(3) * 1000) / 1000.0,
                            rs.getString(4),
                            new Source(
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    rs.getString(9))),
                    t.src(),
                    t.src(),
                    t.src(),
                    t.locale(),
                    limit);
            return new Suggestions(t.uid(), t.src(), t.locale(), exact, fuzzy);
        });
    }

    /**
     * Fills untranslated entries of a file with the best exact match of their source text (reviewed or
     * locked translations only), as {@code suggested}. Runs on the caller's connection/transaction.
     *
     * @return entries filled
     */
    public static int autofill(
            Connection c,
            String fileUid,
            String locale,
            List<GlossaryEntry> glossary,
            String actor,
            Map<String, long[]> changed)
            throws SQLException {
        List<EntryRow> open = Jdbc.query(
                c,
                "SELECT " + EntryRow.COLUMNS
                        + " FROM translation_entries WHERE language_file_uid = ? AND dst_text IS NULL "
                        + "AND src_text IS NOT NULL AND src_text <> '' ORDER BY uid FOR UPDATE",
                EntryRow::from,
                fileUid);
        if (open.isEmpty()) {
            return 0;
        }
        Map<String, String> best = new HashMap<>();
        Jdbc.query(
                c,
                "SELECT DISTINCT ON (e.src_text) e.src_text, e.dst_text FROM translation_entries e "
                        + "JOIN language_files f ON f.uid = e.language_file_uid WHERE f.locale = ? AND e.language_file_uid <> ? "
                        + "AND e.src_text = ANY (?) AND e.dst_text IS NOT NULL AND e.dst_text <> '' "
                        + "AND e.status IN ('reviewed', 'locked') GROUP BY e.src_text, e.dst_text "
                        + "ORDER BY e.src_text, count(*) DESC, e.dst_text",
                rs -> best.put(rs.getString(1), rs.getString(2)),
                locale,
                fileUid,
                open.stream().map(EntryRow::srcText).distinct().toArray(String[]::new));
        List<EntryStore.Write> writes = new ArrayList<>();
        for (EntryRow row : open) {
            String match = best.get(row.srcText());
            if (match == null) {
                continue;
            }
            EntryUpdate.Result r = EntryUpdate.apply(
                    row.content(),
                    EntryUpdate.Changes.of(null, false, match, true, EntryStatus.SUGGESTED.wire()),
                    locale,
                    glossary,
                    null);
            EntryContent content = r.content();
            writes.add(EntryStore.Write.update(row, content, r.qa().toJsonText(), r.cid()));
        }
        EntryStore.write(c, writes, actor)
                .forEach((file, v) -> changed.merge(file, v, (a, b) -> new long[] {a[0] + b[0], Math.max(a[1], b[1])}));
        return writes.size();
    }
}
