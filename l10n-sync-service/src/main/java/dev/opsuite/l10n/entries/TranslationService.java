package dev.opsuite.l10n.entries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.outbox.Outbox;
import dev.opsuite.l10n.catalogue.Page;
import dev.opsuite.l10n.catalogue.Paging;
import dev.opsuite.l10n.catalogue.Versions;
import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.domain.EntryChanges;
import dev.opsuite.l10n.domain.EntryStatus;
import dev.opsuite.l10n.domain.GlossaryTerm;
import dev.opsuite.l10n.domain.LanguageFile;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.domain.TranslationEntry;
import dev.opsuite.l10n.events.L10nEvents;
import dev.opsuite.l10n.qa.GlossaryEntry;
import dev.opsuite.l10n.qa.QaChecker;
import dev.opsuite.l10n.qa.QaResult;
import dev.opsuite.l10n.qa.Verdict;
import dev.opsuite.l10n.webhooks.WebhookQueue;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Entry CRUD on the Hibernate Reactive session: list/get, update with If-Match, and the batch's
 * per-line updates. Each write runs the shared entry rules (outdated, QA incl. glossary and
 * consistency, CID), keeps the superseded content in entry_history (the base of three-way merges),
 * takes the next revision, and writes its event and webhook messages in the same transaction.
 */
@ApplicationScoped
public class TranslationService {
    private final Outbox outbox;
    private final L10nEvents events;
    private final WebhookQueue webhooks;

    public TranslationService(Outbox outbox, L10nEvents events, WebhookQueue webhooks) {
        this.outbox = outbox;
        this.events = events;
        this.webhooks = webhooks;
    }

    public Uni<Page<TranslationEntry>> list(String fileUid, String status, Paging paging) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (fileUid != null) {
            where.append(" and languageFileUid = :file");
            params.and("file", fileUid);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        String countWhere = where.toString();
        Parameters countParams = new Parameters();
        params.map().forEach(countParams::and);
        if (paging.afterUid() != null) {
            where.append(" and uid > :after");
            params.and("after", paging.afterUid());
        }
        int from = paging.afterUid() == null ? paging.offset() : 0;
        return Panache.withSession(() -> TranslationEntry.<TranslationEntry>find(
                        where.toString(), Sort.by("uid"), params)
                .range(from, from + paging.limit())
                .list()
                .chain(rows -> TranslationEntry.count(countWhere, countParams)
                        .map(total -> new Page<>(rows, paging.limit(), total))));
    }

    public Uni<TranslationEntry> get(String uid) {
        return Panache.withSession(() -> find(uid, LockModeType.NONE));
    }

    /** @param expectedVersion from If-Match; null = "*" */
    public Uni<TranslationEntry> update(String uid, Long expectedVersion, TranslationInput in, String actor) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        Texts.clean("dst_text", in.dstText());
        Texts.clean("src_text", in.srcText());
        String status = in.status() == null
                ? null
                : EntryStatus.parseOptional("status", in.status()).wire();
        EntryUpdate.Changes changes =
                EntryUpdate.Changes.of(in.srcText(), in.srcGiven(), in.dstText(), in.dstGiven(), status);
        return Panache.withTransaction(
                () -> find(uid, LockModeType.PESSIMISTIC_WRITE).chain(e -> {
                    Versions.check(e.version, expectedVersion);
                    return write(e, changes, actor, "api");
                }));
    }

    /** One batch line in its own transaction; the outcome as a result line (never throws for client errors). */
    public Uni<BatchResult> applyLine(int lineNo, BatchLine line, String actor) {
        String uid;
        EntryUpdate.Changes changes;
        Long base;
        try {
            if (line == null) {
                throw ApiException.badRequest("empty line");
            }
            uid = Texts.required("entry_uid", line.entryUid());
            boolean dstGiven = line.dstText() != null;
            String dst = null;
            if (dstGiven && !line.dstText().isNull()) {
                if (!line.dstText().isTextual()) {
                    throw Texts.invalid("dst_text", "must be a string or null");
                }
                dst = Texts.clean("dst_text", line.dstText().asText());
            }
            String status = line.status() == null
                    ? null
                    : EntryStatus.parseOptional("status", line.status()).wire();
            base = BaseVersions.parse("base_version", line.baseVersion());
            changes = EntryUpdate.Changes.of(null, false, dst, dstGiven, status);
        } catch (ApiException e) {
            return Uni.createFrom().item(failure(lineNo, line == null ? null : line.entryUid(), e));
        }
        String entryUid = uid;
        return Panache.withTransaction(() -> find(entryUid, LockModeType.PESSIMISTIC_WRITE)
                        .chain(e -> {
                            if (base != null && base != e.version) {
                                throw new ApiException(409, "conflict", "The entry changed since base_version " + base)
                                        .withDetail("current_version", e.version);
                            }
                            return write(e, changes, actor, "batch");
                        }))
                .map(e -> new BatchResult(lineNo, entryUid, 200, "updated", e.version, null, e.cid, null))
                .onFailure(ApiException.class)
                .recoverWithItem(t -> failure(lineNo, entryUid, (ApiException) t));
    }

    private static BatchResult failure(int lineNo, String uid, ApiException e) {
        Object current = e.details().get("current_version");
        return new BatchResult(
                lineNo,
                uid,
                e.status(),
                e.code(),
                null,
                current instanceof Number n ? n.longValue() : null,
                null,
                e.getMessage());
    }

    private Uni<TranslationEntry> write(TranslationEntry e, EntryUpdate.Changes changes, String actor, String source) {
        return LanguageFile.<LanguageFile>findById(e.languageFileUid)
                .chain(file -> glossary(file.locale).chain(glossary -> {
                    JsonNode conflict = QaResult.storedMergeConflict(e.qaFlags);
                    EntryUpdate.Result r = EntryUpdate.apply(e.content(), changes, file.locale, glossary, conflict);
                    if (!r.changed()) {
                        return Uni.createFrom().item(e);
                    }
                    return consistency(file, e.uid, r).chain(qa -> persist(e, r, qa, file, actor, source));
                }));
    }

    private Uni<QaResult> consistency(LanguageFile file, String uid, EntryUpdate.Result r) {
        if (r.content().dstText() == null || r.content().srcText() == null) {
            return Uni.createFrom().item(r.qa());
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(ConsistencyQuery.OTHER_TRANSLATIONS, String.class)
                        .setParameter("carrier", file.carrierUid)
                        .setParameter("src", r.content().srcText())
                        .setParameter("locale", file.locale)
                        .setParameter("uid", uid)
                        .setParameter("dst", r.content().dstText())
                        .getResultList())
                .map(others -> others.isEmpty()
                        ? r.qa().check(QaChecker.CONSISTENCY, Verdict.PASS)
                        : r.qa().check(QaChecker.CONSISTENCY, Verdict.WARN, Map.of("other_translations", others)));
    }

    private Uni<TranslationEntry> persist(
            TranslationEntry e, EntryUpdate.Result r, QaResult qa, LanguageFile file, String actor, String source) {
        return Panache.getSession()
                .chain(s -> history(s, e, actor)
                        .chain(() -> nextRevision(s))
                        .chain(revision -> {
                            e.srcText = r.content().srcText();
                            e.dstText = r.content().dstText();
                            e.status = r.content().status();
                            e.qaFlags = qa.toJson();
                            e.cid = r.cid();
                            long[] h = Cids.bloomHashes(r.cid());
                            e.bloomH1 = h[0];
                            e.bloomH2 = h[1];
                            e.revision = revision;
                            e.updatedAt = OffsetDateTime.now();
                            return s.flush();
                        })
                        .chain(() -> sourceText(s, e.srcText))
                        .chain(() -> EntryChanges.recordLocale(s, file.locale))
                        .chain(() -> outbox.enqueue(
                                s,
                                events.translationsChanged(file.uid, file.locale, 1, e.revision, source, null, actor)))
                        .chain(() -> webhooks.enqueue(
                                s, WebhookQueue.TRANSLATIONS_CHANGED, file.locale, webhookData(e, file, source)))
                        .replaceWith(e));
    }

    static Map<String, Object> webhookData(TranslationEntry e, LanguageFile file, String source) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("language_file_uid", file.uid);
        data.put("locale", file.locale);
        data.put("entry_count", 1);
        data.put("revision", e.revision);
        data.put("source", source);
        data.put("entries", List.of(Map.of("entry_uid", e.uid, "key", e.key, "version", e.version, "cid", e.cid)));
        return data;
    }

    private static Uni<Integer> history(Mutiny.Session s, TranslationEntry e, String actor) {
        return s.createNativeQuery(
                        "INSERT INTO entry_history (entry_uid, version, src_text, dst_text, status, changed_by) "
                                + "VALUES (:uid, :version, :src, :dst, :status, :by) ON CONFLICT DO NOTHING")
                .setParameter("uid", e.uid)
                .setParameter("version", e.version)
                .setParameter("src", e.srcText)
                .setParameter("dst", e.dstText)
                .setParameter("status", e.status)
                .setParameter("by", actor)
                .executeUpdate();
    }

    private static Uni<Integer> sourceText(Mutiny.Session s, String src) {
        if (src == null || src.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return s.createNativeQuery("INSERT INTO source_texts (hash, text) VALUES (md5(:t), :t) ON CONFLICT DO NOTHING")
                .setParameter("t", src)
                .executeUpdate();
    }

    private static Uni<Long> nextRevision(Mutiny.Session s) {
        return s.createNativeQuery("SELECT nextval('entry_revision_seq')", Long.class)
                .getSingleResult();
    }

    static Uni<List<GlossaryEntry>> glossary(String locale) {
        return GlossaryTerm.<GlossaryTerm>list("locale", locale)
                .map(terms -> terms.stream()
                        .map(t -> new GlossaryEntry(t.term, t.translation, t.caseSensitive))
                        .toList());
    }

    private static Uni<TranslationEntry> find(String uid, LockModeType lock) {
        return TranslationEntry.<TranslationEntry>findById(uid, lock).map(e -> {
            if (e == null) {
                throw ApiException.notFound("No translation entry " + uid);
            }
            return e;
        });
    }
}
