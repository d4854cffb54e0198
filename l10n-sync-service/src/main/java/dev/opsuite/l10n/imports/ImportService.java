package dev.opsuite.l10n.imports;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.outbox.JdbcOutbox;
import dev.opsuite.l10n.L10nConfig;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.EntryContent;
import dev.opsuite.l10n.domain.EntryRow;
import dev.opsuite.l10n.domain.EntryStatus;
import dev.opsuite.l10n.entries.EntryStore;
import dev.opsuite.l10n.entries.EntryUpdate;
import dev.opsuite.l10n.entries.Glossaries;
import dev.opsuite.l10n.events.L10nEvents;
import dev.opsuite.l10n.qa.GlossaryEntry;
import dev.opsuite.l10n.stats.Counters;
import dev.opsuite.l10n.tm.TranslationMemory;
import dev.opsuite.l10n.webhooks.WebhookQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a Minecraft language file into a language file's entries, in one transaction.
 * <ul>
 * <li>as {@code source} (default for the source locale): the values are source texts. They also
 * become the src_text of the same keys in the carrier's other-locale files (created there as
 * {@code new} when missing), where a changed source makes vouched-for translations {@code outdated}.
 * With {@code autofill}, untranslated target entries take an exact translation-memory match as
 * {@code suggested}.</li>
 * <li>as {@code translation}: the values are translations; src_text comes from the carrier's
 * source-locale file.</li>
 * </ul>
 */
@ApplicationScoped
public class ImportService {
    private final Jdbc jdbc;
    private final L10nConfig config;
    private final JdbcOutbox outbox;
    private final L10nEvents events;
    private final WebhookQueue webhooks;

    public ImportService(Jdbc jdbc, L10nConfig config, JdbcOutbox outbox, L10nEvents events, WebhookQueue webhooks) {
        this.jdbc = jdbc;
        this.config = config;
        this.outbox = outbox;
        this.events = events;
        this.webhooks = webhooks;
    }

    public record Options(String as, String status, boolean autofill) {}

    public record Result(
            String languageFileUid,
            String as,
            int keys,
            int created,
            int updated,
            int unchanged,
            int outdated,
            int duplicateKeys,
            Map<String, Integer> propagated,
            int autofilled) {}

    private record FileRef(String uid, String carrierUid, String locale, String format) {}

    public Result importFile(String fileUid, byte[] body, Options options, String actor) {
        FileRef file = jdbc.one(
                        "SELECT uid, carrier_uid, locale, format FROM language_files WHERE uid = ?",
                        rs -> new FileRef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                        fileUid)
                .orElseThrow(() -> ApiException.notFound("No language file " + fileUid));
        LangFile parsed = LangFileParser.parse(body, file.format());
        String as = options.as() != null
                ? options.as()
                : file.locale().equals(config.sourceLocale()) ? "source" : "translation";
        String status = options.status() == null ? EntryStatus.REVIEWED.wire() : options.status();
        return jdbc.tx(c -> {
            int[] counts = new int[4]; // created, updated, unchanged, outdated
            Map<String, long[]> changed = new HashMap<>();
            Map<String, Integer> propagated = new LinkedHashMap<>();
            int autofilled = 0;
            List<GlossaryEntry> glossary = Glossaries.of(c, file.locale());
            if (as.equals("source")) {
                merge(changed, apply(c, file, parsed.entries(), null, glossary, counts, false, actor));
                for (FileRef target : siblings(c, file)) {
                    int[] t = new int[4];
                    List<GlossaryEntry> g = Glossaries.of(c, target.locale());
                    Map<String, long[]> written =
                            apply(c, target, parsed.entries(), null, g, t, options.autofill(), actor);
                    merge(changed, written);
                    propagated.put(target.uid(), t[0] + t[1]);
                    counts[3] += t[3];
                    if (options.autofill()) {
                        autofilled += TranslationMemory.autofill(c, target.uid(), target.locale(), g, actor, changed);
                    }
                }
            } else {
                Map<String, String> sources = sourceTexts(c, file);
                Map<String, String> dst = new LinkedHashMap<>(parsed.entries());
                merge(changed, apply(c, file, sources, dst, glossary, counts, false, actor, status));
            }
            Counters.add(
                    c,
                    Map.of(Counters.IMPORT_KEYS, (long) parsed.entries().size(), Counters.IMPORT_DUPLICATE_KEYS, (long)
                            parsed.duplicateKeys()));
            announce(c, changed, actor);
            return new Result(
                    file.uid(),
                    as,
                    parsed.entries().size(),
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[3],
                    parsed.duplicateKeys(),
                    propagated,
                    autofilled);
        });
    }

    private Map<String, long[]> apply(
            Connection c,
            FileRef file,
            Map<String, String> src,
            Map<String, String> dst,
            List<GlossaryEntry> glossary,
            int[] counts,
            boolean autofill,
            String actor)
            throws SQLException {
        return apply(c, file, src, dst, glossary, counts, autofill, actor, null);
    }

    /**
     * Source mode (dst == null): every key of src gets that src_text. Translation mode: every key of
     * dst gets that dst_text (and status), its src_text from src when known.
     */
    private Map<String, long[]> apply(
            Connection c,
            FileRef file,
            Map<String, String> src,
            Map<String, String> dst,
            List<GlossaryEntry> glossary,
            int[] counts,
            boolean autofill,
            String actor,
            String status)
            throws SQLException {
        Map<String, EntryRow> existing = EntryStore.lockFile(c, file.uid());
        List<EntryStore.Write> writes = new ArrayList<>();
        Iterable<String> keys = dst == null ? src.keySet() : dst.keySet();
        for (String key : keys) {
            EntryRow row = existing.get(key);
            String srcText = src.get(key);
            if (row == null) {
                EntryContent content = dst == null
                        ? new EntryContent(file.uid(), key, srcText, null, EntryStatus.NEW.wire())
                        : new EntryContent(file.uid(), key, srcText, dst.get(key), status);
                EntryUpdate.Result r = EntryUpdate.created(content, file.locale(), glossary);
                writes.add(EntryStore.Write.insert(content, r.qa().toJsonText(), r.cid()));
                counts[0]++;
                continue;
            }
            EntryUpdate.Changes changes = dst == null
                    ? EntryUpdate.Changes.of(srcText, true, null, false, null)
                    : EntryUpdate.Changes.of(srcText, srcText != null, dst.get(key), true, status);
            EntryUpdate.Result r = EntryUpdate.apply(row.content(), changes, file.locale(), glossary, null);
            if (!r.changed()) {
                counts[2]++;
                continue;
            }
            if (EntryStatus.OUTDATED.wire().equals(r.content().status())
                    && !EntryStatus.OUTDATED.wire().equals(row.status())) {
                counts[3]++;
            }
            writes.add(EntryStore.Write.update(row, r.content(), r.qa().toJsonText(), r.cid()));
            counts[1]++;
        }
        return EntryStore.write(c, writes, actor);
    }

    /** The carrier's files in other locales (targets of a source import into the source-locale file). */
    private List<FileRef> siblings(Connection c, FileRef file) throws SQLException {
        if (!file.locale().equals(config.sourceLocale())) {
            return List.of();
        }
        return Jdbc.query(
                c,
                "SELECT uid, carrier_uid, locale, format FROM language_files WHERE carrier_uid = ? AND locale <> ? ORDER BY uid",
                rs -> new FileRef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                file.carrierUid(),
                file.locale());
    }

    private Map<String, String> sourceTexts(Connection c, FileRef file) throws SQLException {
        Map<String, String> out = new HashMap<>();
        Jdbc.query(
                c,
                "SELECT e.key, e.src_text FROM translation_entries e JOIN language_files f ON f.uid = e.language_file_uid "
                        + "WHERE f.carrier_uid = ? AND f.locale = ?",
                rs -> out.put(rs.getString(1), rs.getString(2)),
                file.carrierUid(),
                config.sourceLocale());
        return out;
    }

    private void announce(Connection c, Map<String, long[]> changed, String actor) throws SQLException {
        for (Map.Entry<String, long[]> e : changed.entrySet()) {
            String locale = Jdbc.one(
                            c, "SELECT locale FROM language_files WHERE uid = ?", rs -> rs.getString(1), e.getKey())
                    .orElse("");
            outbox.enqueue(
                    c,
                    events.translationsChanged(
                            e.getKey(), locale, e.getValue()[0], e.getValue()[1], "import", null, actor));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("language_file_uid", e.getKey());
            data.put("locale", locale);
            data.put("entry_count", e.getValue()[0]);
            data.put("revision", e.getValue()[1]);
            data.put("source", "import");
            webhooks.enqueue(c, WebhookQueue.TRANSLATIONS_CHANGED, locale, data);
        }
    }

    static void merge(Map<String, long[]> into, Map<String, long[]> more) {
        more.forEach((file, v) -> into.merge(file, v, (a, b) -> new long[] {a[0] + b[0], Math.max(a[1], b[1])}));
    }
}
