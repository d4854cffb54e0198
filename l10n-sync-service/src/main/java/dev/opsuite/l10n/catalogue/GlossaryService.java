package dev.opsuite.l10n.catalogue;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.domain.GlossaryTerm;
import dev.opsuite.l10n.domain.Locales;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.domain.Uids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Glossary terms per locale; QA's glossary_check reads them on every write. */
@ApplicationScoped
public class GlossaryService {

    public Uni<Page<GlossaryTerm>> list(String locale, Paging paging) {
        Where where = new Where().eq("locale", locale);
        Where page = where.after(paging.afterUid());
        int from = Where.from(paging);
        return Panache.withSession(() -> GlossaryTerm.<GlossaryTerm>find(page.query(), Sort.by("uid"), page.params())
                .range(from, from + paging.limit())
                .list()
                .chain(rows -> GlossaryTerm.count(where.query(), where.params())
                        .map(total -> new Page<>(rows, paging.limit(), total))));
    }

    public Uni<GlossaryTerm> create(GlossaryInput in) {
        GlossaryTerm t = new GlossaryTerm();
        t.uid = Uids.next(Uids.GLOSSARY);
        apply(t, in);
        t.version = 1;
        t.createdAt = OffsetDateTime.now();
        t.updatedAt = t.createdAt;
        return Panache.withTransaction(() -> GlossaryTerm.count("locale = ?1 and term = ?2", t.locale, t.term)
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict(
                                "already_exists", "The " + t.locale + " glossary already has \"" + t.term + "\"");
                    }
                    return t.<GlossaryTerm>persist();
                }));
    }

    public Uni<GlossaryTerm> update(String uid, Long expected, GlossaryInput in) {
        return Panache.withTransaction(() -> find(uid).map(t -> {
            Versions.check(t.version, expected);
            apply(t, in);
            t.updatedAt = OffsetDateTime.now();
            return t;
        }));
    }

    public Uni<Void> delete(String uid) {
        return Panache.withTransaction(() -> find(uid).chain(t -> t.delete()));
    }

    private static Uni<GlossaryTerm> find(String uid) {
        return GlossaryTerm.<GlossaryTerm>findById(uid).map(t -> {
            if (t == null) {
                throw ApiException.notFound("No glossary term " + uid);
            }
            return t;
        });
    }

    private static void apply(GlossaryTerm t, GlossaryInput in) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        t.locale = Locales.require("locale", in.locale());
        t.term = Texts.name("term", in.term(), 200);
        t.translation = Texts.name("translation", in.translation(), 200);
        t.caseSensitive = Boolean.TRUE.equals(in.caseSensitive());
        t.note = Fields.optionalText("note", in.note(), 1000);
    }
}
