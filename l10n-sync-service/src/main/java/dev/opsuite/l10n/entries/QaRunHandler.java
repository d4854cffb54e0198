package dev.opsuite.l10n.entries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.EntryRow;
import dev.opsuite.l10n.qa.GlossaryEntry;
import dev.opsuite.l10n.qa.QaChecker;
import dev.opsuite.l10n.qa.QaResult;
import dev.opsuite.l10n.qa.Verdict;
import dev.opsuite.l10n.queue.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

/**
 * Built-in worker for qa_run ({language_file_uid}): re-runs every check on the file's entries,
 * including glossary_check with the current glossary and consistency_check (the same source text
 * translated differently elsewhere in the pack), and stores the flags. QA flags are not content: the
 * entries' versions and CIDs stay.
 */
@ApplicationScoped
public class QaRunHandler implements TaskHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;

    public QaRunHandler(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String type() {
        return "qa_run";
    }

    @Override
    public String handle(long taskId, String payloadJson) throws Exception {
        JsonNode p = JSON.readTree(payloadJson);
        String file = p.path("language_file_uid").asText(null);
        if (file == null) {
            throw new IllegalArgumentException("payload needs language_file_uid");
        }
        return jdbc.tx(c -> {
            String[] meta = Jdbc.one(
                            c,
                            "SELECT locale, carrier_uid FROM language_files WHERE uid = ?",
                            rs -> new String[] {rs.getString(1), rs.getString(2)},
                            file)
                    .orElseThrow(() -> new IllegalArgumentException("no language file " + file));
            List<GlossaryEntry> glossary = Glossaries.of(c, meta[0]);
            // other translations of each source text among the carriers sharing a pack with this one
            String sql = ConsistencyQuery.OTHER_TRANSLATIONS
                    .replace(":carrier", "?")
                    .replace(":src", "?")
                    .replace(":locale", "?")
                    .replace(":uid", "?")
                    .replace(":dst", "?");
            List<EntryRow> rows = Jdbc.query(
                    c,
                    "SELECT " + EntryRow.COLUMNS + " FROM translation_entries WHERE language_file_uid = ? "
                            + "ORDER BY uid",
                    EntryRow::from,
                    file);
            int warned = 0;
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE translation_entries SET qa_flags = ?::jsonb WHERE uid = ?")) {
                for (EntryRow r : rows) {
                    QaResult qa = QaChecker.check(r.srcText(), r.dstText(), meta[0], glossary);
                    JsonNode stored = tree(r.qaFlagsJson());
                    if (stored.has("merge_conflict") && "conflict".equals(r.status())) {
                        qa.mergeConflict(stored.get("merge_conflict"));
                    }
                    if (r.dstText() != null && r.srcText() != null) {
                        List<String> different = Jdbc.query(
                                c,
                                sql.replaceFirst("\\?", "?"),
                                rs -> rs.getString(1),
                                meta[1],
                                meta[1],
                                r.srcText(),
                                r.srcText(),
                                meta[0],
                                r.uid(),
                                r.dstText());
                        if (different.isEmpty()) {
                            qa.check(QaChecker.CONSISTENCY, Verdict.PASS);
                        } else {
                            qa.check(QaChecker.CONSISTENCY, Verdict.WARN, Map.of("other_translations", different));
                            warned++;
                        }
                    }
                    update.setString(1, qa.toJsonText());
                    update.setString(2, r.uid());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return "{\"entries\":" + rows.size() + ",\"consistency_warnings\":" + warned + "}";
        });
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored qa_flags unreadable", e);
        }
    }
}
