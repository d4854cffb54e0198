package dev.opsuite.l10n.entries;

import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.domain.EntryContent;
import dev.opsuite.l10n.domain.EntryStatus;
import dev.opsuite.l10n.qa.GlossaryEntry;
import dev.opsuite.l10n.qa.QaChecker;
import dev.opsuite.l10n.qa.QaResult;
import java.util.List;
import java.util.Objects;

/**
 * The rules of one entry change, shared by every write path (API, batch, import, sync commit):
 * a new source text makes a vouched-for translation {@code outdated} (its text kept) unless the same
 * change sets a status explicitly; QA runs on the result; the CID is the result's content hash.
 */
public final class EntryUpdate {
    private EntryUpdate() {}

    /** What a writer asks for; a null field is left as it is. */
    public record Changes(String srcText, boolean srcGiven, String dstText, boolean dstGiven, String status) {
        public static Changes of(String src, boolean srcGiven, String dst, boolean dstGiven, String status) {
            return new Changes(src, srcGiven, dst, dstGiven, status);
        }
    }

    /** The entry after the change, its QA flags and CID. */
    public record Result(EntryContent content, QaResult qa, String cid, boolean changed) {}

    public static Result apply(
            EntryContent current, Changes c, String locale, List<GlossaryEntry> glossary, Object mergeConflict) {
        EntryContent next = next(current, c);
        return result(next, locale, glossary, mergeConflict, !next.equals(current));
    }

    /** The content after the change (the outdated rule included), without QA or CID, for paths that batch those. */
    public static EntryContent next(EntryContent current, Changes c) {
        String src = c.srcGiven() ? c.srcText() : current.srcText();
        String dst = c.dstGiven() ? c.dstText() : current.dstText();
        String status = c.status() != null ? c.status() : current.status();
        boolean srcChanged = !Objects.equals(src, current.srcText());
        if (srcChanged
                && c.status() == null
                && EntryStatus.parse(current.status()).vouchedFor()
                && dst != null) {
            status = EntryStatus.OUTDATED.wire();
        }
        if (c.status() == null
                && EntryStatus.NEW.wire().equals(status)
                && c.dstGiven()
                && dst != null
                && !dst.isEmpty()) {
            // a first translation without a status is an unreviewed one, not "new"
            status = EntryStatus.MT.wire();
        }
        return new EntryContent(current.languageFileUid(), current.key(), src, dst, status);
    }

    public static Result created(EntryContent content, String locale, List<GlossaryEntry> glossary) {
        return result(content, locale, glossary, null, true);
    }

    public static Result result(
            EntryContent content, String locale, List<GlossaryEntry> glossary, Object mergeConflict, boolean changed) {
        QaResult qa = QaChecker.check(content.srcText(), content.dstText(), locale, glossary);
        if (mergeConflict != null && EntryStatus.CONFLICT.wire().equals(content.status())) {
            qa.mergeConflict(mergeConflict);
        }
        return new Result(content, qa, Cids.ofEntry(content), changed);
    }
}
