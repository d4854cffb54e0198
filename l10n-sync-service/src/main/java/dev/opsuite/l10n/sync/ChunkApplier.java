package dev.opsuite.l10n.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.outbox.JdbcOutbox;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.EntryContent;
import dev.opsuite.l10n.domain.EntryRow;
import dev.opsuite.l10n.domain.EntryStatus;
import dev.opsuite.l10n.entries.EntryStore;
import dev.opsuite.l10n.entries.EntryUpdate;
import dev.opsuite.l10n.entries.Glossaries;
import dev.opsuite.l10n.events.L10nEvents;
import dev.opsuite.l10n.qa.GlossaryEntry;
import dev.opsuite.l10n.webhooks.WebhookQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies one stored chunk's deltas in one transaction, once per (session, chunk): a repeated commit
 * returns the stored result. Per delta: base_version = current version applies directly; otherwise
 * the merge strategy decides (three_way against the base version's content from entry_history,
 * overwrite, or skip).
 */
@ApplicationScoped
public class ChunkApplier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;
    private final JdbcOutbox outbox;
    private final L10nEvents events;
    private final WebhookQueue webhooks;

    public ChunkApplier(Jdbc jdbc, JdbcOutbox outbox, L10nEvents events, WebhookQueue webhooks) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.events = events;
        this.webhooks = webhooks;
    }

    private static final class Pending {
        final EntryRow original;
        EntryContent content;
        long version;
        Object conflict;
        final String uid;

        Pending(EntryRow original, EntryContent content, long version, String uid) {
            this.original = original;
            this.content = content;
            this.version = version;
            this.uid = uid;
        }
    }

    public ChunkResult apply(String sessionId, String cid, String strategy, String resolution, String actor) {
        return jdbc.tx(c -> {
            String stored = Jdbc.one(
                            c,
                            "SELECT CASE WHEN applied THEN result::text END FROM session_chunks "
                                    + "WHERE session_id = ? AND cid = ? FOR UPDATE",
                            rs -> rs.getString(1),
                            sessionId,
                            cid)
                    .orElse(null);
            if (stored != null) {
                return read(stored);
            }
            byte[] data = Jdbc.one(c, "SELECT data FROM chunks WHERE cid = ?", rs -> rs.getBytes(1), cid)
                    .orElseThrow(() -> new IllegalStateException("chunk " + cid + " is not in the store"));
            List<EntryDelta> deltas = DeltaParser.parse(data);
            ChunkResult result = applyDeltas(c, deltas, strategy, resolution, actor, sessionId);
            Jdbc.update(
                    c,
                    "UPDATE session_chunks SET applied = true, result = ?::jsonb WHERE session_id = ? AND cid = ?",
                    write(result),
                    sessionId,
                    cid);
            Jdbc.update(c, "UPDATE chunks SET last_used_at = now() WHERE cid = ?", cid);
            return result;
        });
    }

    ChunkResult applyDeltas(
            Connection c, List<EntryDelta> deltas, String strategy, String resolution, String actor, String sessionId)
            throws SQLException {
        Set<String> fileUids = new LinkedHashSet<>();
        for (EntryDelta d : deltas) {
            fileUids.add(d.languageFileUid());
        }
        Map<String, String> locales = new HashMap<>();
        Jdbc.query(
                c,
                "SELECT uid, locale FROM language_files WHERE uid = ANY (?)",
                rs -> locales.put(rs.getString(1), rs.getString(2)),
                (Object) fileUids.toArray(String[]::new));
        List<String> files = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (EntryDelta d : deltas) {
            files.add(d.languageFileUid());
            keys.add(d.key());
        }
        Map<String, EntryRow> current = EntryStore.lockByKeys(c, files, keys);
        Map<String, EntryContent> bases = bases(c, deltas, current);
        Map<String, List<GlossaryEntry>> glossaries = new HashMap<>();
        Map<String, Pending> pending = new LinkedHashMap<>();
        long processed = 0, applied = 0, merged = 0, conflicts = 0, skipped = 0, errors = 0;
        List<String> conflicting = new ArrayList<>();
        List<String> errorMessages = new ArrayList<>();
        for (EntryDelta d : deltas) {
            processed++;
            String locale = locales.get(d.languageFileUid());
            if (locale == null) {
                errors++;
                note(errorMessages, d, "unknown language_file_uid");
                continue;
            }
            String k = EntryStore.key(d.languageFileUid(), d.key());
            Pending p = pending.get(k);
            if (p == null) {
                EntryRow row = current.get(k);
                p = row == null ? null : new Pending(row, row.content(), row.version(), row.uid());
            }
            if (p != null && d.entryUid() != null && !d.entryUid().equals(p.uid)) {
                errors++;
                note(errorMessages, d, "entry_uid " + d.entryUid() + " is not the entry of this file and key");
                continue;
            }
            if (p == null && d.entryUid() != null) {
                errors++;
                note(errorMessages, d, "entry " + d.entryUid() + " does not exist");
                continue;
            }
            List<GlossaryEntry> glossary = glossaries.computeIfAbsent(locale, l -> {
                try {
                    return Glossaries.of(c, l);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (p == null) {
                String status = d.status() != null
                        ? d.status()
                        : d.dstText() != null && !d.dstText().isEmpty()
                                ? EntryStatus.MT.wire()
                                : EntryStatus.NEW.wire();
                EntryContent content = new EntryContent(d.languageFileUid(), d.key(), d.srcText(), d.dstText(), status);
                pending.put(k, new Pending(null, content, 0, null));
                applied++;
                continue;
            }
            boolean direct = strategy.equals("overwrite") || (d.baseVersion() != null && d.baseVersion() == p.version);
            if (direct) {
                p.content = EntryUpdate.next(p.content, changes(d));
                p.conflict = null;
                p.version++;
                pending.put(k, p);
                applied++;
                continue;
            }
            if (strategy.equals("skip")) {
                skipped++;
                continue;
            }
            EntryContent base = d.baseVersion() == null ? null : bases.get(p.uid + "@" + d.baseVersion());
            if (base == null && d.baseVersion() != null && d.baseVersion() > p.version) {
                errors++;
                note(
                        errorMessages,
                        d,
                        "base_version " + d.baseVersion() + " is ahead of the entry's version " + p.version);
                continue;
            }
            if (base == null) {
                // no recorded base: every field both sides set differently is a conflict
                base = new EntryContent(p.content.languageFileUid(), p.content.key(), null, null, null);
            }
            ThreeWayMerge.Outcome o = ThreeWayMerge.merge(
                    base, p.content, d, resolution, d.baseVersion() == null ? -1 : d.baseVersion(), p.version);
            String explicitStatus = Objects.equals(o.content().status(), p.content.status())
                    ? null
                    : o.content().status();
            p.content = EntryUpdate.next(
                    p.content,
                    EntryUpdate.Changes.of(
                            o.content().srcText(), true, o.content().dstText(), true, explicitStatus));
            p.conflict = o.conflict();
            p.version++;
            pending.put(k, p);
            if (o.conflict() != null) {
                conflicts++;
                conflicting.add(p.uid);
            } else {
                merged++;
            }
        }
        List<EntryStore.Write> writes = new ArrayList<>();
        for (Pending p : pending.values()) {
            String locale = locales.get(p.content.languageFileUid());
            EntryUpdate.Result r = EntryUpdate.result(p.content, locale, glossaries.get(locale), p.conflict, true);
            if (p.original == null) {
                writes.add(EntryStore.Write.insert(p.content, r.qa().toJsonText(), r.cid()));
            } else if (!r.cid().equals(p.original.cid()) || p.conflict != null) {
                writes.add(EntryStore.Write.update(p.original, p.content, r.qa().toJsonText(), r.cid()));
            }
        }
        Map<String, long[]> perFile = EntryStore.write(c, writes, actor);
        for (Map.Entry<String, long[]> e : perFile.entrySet()) {
            String locale = locales.get(e.getKey());
            outbox.enqueue(
                    c,
                    events.translationsChanged(
                            e.getKey(), locale, e.getValue()[0], e.getValue()[1], "sync", sessionId, actor));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("language_file_uid", e.getKey());
            data.put("locale", locale);
            data.put("entry_count", e.getValue()[0]);
            data.put("revision", e.getValue()[1]);
            data.put("source", "sync");
            data.put("session_id", sessionId);
            webhooks.enqueue(c, WebhookQueue.TRANSLATIONS_CHANGED, locale, data);
        }
        return new ChunkResult(processed, applied, merged, conflicts, skipped, errors, conflicting, errorMessages);
    }

    private static EntryUpdate.Changes changes(EntryDelta d) {
        return EntryUpdate.Changes.of(d.srcText(), d.srcGiven(), d.dstText(), d.dstGiven(), d.status());
    }

    /** The contents at the base versions the deltas name, from entry_history, keyed uid@version. */
    private static Map<String, EntryContent> bases(Connection c, List<EntryDelta> deltas, Map<String, EntryRow> current)
            throws SQLException {
        List<String> uids = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        for (EntryDelta d : deltas) {
            EntryRow row = current.get(EntryStore.key(d.languageFileUid(), d.key()));
            if (row != null && d.baseVersion() != null && d.baseVersion() < row.version()) {
                uids.add(row.uid());
                versions.add(d.baseVersion());
            }
        }
        Map<String, EntryContent> out = new HashMap<>();
        if (uids.isEmpty()) {
            return out;
        }
        Map<String, EntryRow> byUid = new HashMap<>();
        current.values().forEach(r -> byUid.put(r.uid(), r));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT h.entry_uid, h.version, h.src_text, h.dst_text, h.status "
                        + "FROM entry_history h JOIN unnest(?::text[], ?::bigint[]) AS k(u, v) ON h.entry_uid = k.u AND h.version = k.v")) {
            ps.setArray(1, c.createArrayOf("text", uids.toArray()));
            ps.setArray(2, c.createArrayOf("bigint", versions.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EntryRow row = byUid.get(rs.getString(1));
                    out.put(
                            rs.getString(1) + "@" + rs.getLong(2),
                            new EntryContent(
                                    row.languageFileUid(),
                                    row.key(),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5)));
                }
            }
        }
        return out;
    }

    private static void note(List<String> messages, EntryDelta d, String problem) {
        if (messages.size() < 100) {
            messages.add(d.languageFileUid() + "/" + d.key() + ": " + problem);
        }
    }

    static String write(ChunkResult r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ChunkResult read(String json) {
        try {
            return JSON.readValue(json, ChunkResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
