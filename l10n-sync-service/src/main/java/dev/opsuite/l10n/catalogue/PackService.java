package dev.opsuite.l10n.catalogue;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.domain.EntryChanges;
import dev.opsuite.l10n.domain.Pack;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.domain.Uids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

@ApplicationScoped
public class PackService {

    public Uni<Page<Pack>> list(String platform, Paging paging) {
        Where where = new Where().eq("platform", platform);
        Where page = where.after(paging.afterUid());
        int from = Where.from(paging);
        return Panache.withSession(() -> Pack.<Pack>find(page.query(), Sort.by("uid"), page.params())
                .range(from, from + paging.limit())
                .list()
                .chain(rows -> Pack.count(where.query(), where.params())
                        .map(total -> new Page<>(rows, paging.limit(), total))));
    }

    public Uni<Pack> get(String uid) {
        return Panache.withSession(() -> find(uid));
    }

    public Uni<Pack> create(PackInput in) {
        Pack p = new Pack();
        p.uid = Uids.next(Uids.PACK);
        apply(p, in);
        p.version = 1;
        p.createdAt = OffsetDateTime.now();
        p.updatedAt = p.createdAt;
        return Panache.withTransaction(() -> Pack.count("platform = ?1 and slug = ?2", p.platform, p.slug)
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict(
                                "already_exists", "A pack " + p.platform + "/" + p.slug + " already exists");
                    }
                    return p.<Pack>persist();
                }));
    }

    /** @param expectedVersion null = If-Match: * */
    public Uni<Pack> update(String uid, Long expectedVersion, PackInput in) {
        return Panache.withTransaction(() -> find(uid).map(p -> {
            Versions.check(p.version, expectedVersion);
            apply(p, in);
            p.updatedAt = OffsetDateTime.now();
            return p;
        }));
    }

    public Uni<Void> delete(String uid, Long expectedVersion) {
        return Panache.withTransaction(() -> find(uid).chain(p -> {
            Versions.check(p.version, expectedVersion);
            // its pack versions' mods go with it: pack sync scopes change
            return p.delete()
                    .chain(() -> Panache.getSession().chain(EntryChanges::recordEveryLocale))
                    .replaceWithVoid();
        }));
    }

    private static Uni<Pack> find(String uid) {
        return Pack.<Pack>findById(uid).map(p -> {
            if (p == null) {
                throw ApiException.notFound("No pack " + uid);
            }
            return p;
        });
    }

    private static void apply(Pack p, PackInput in) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        p.platform = Fields.oneOf("platform", in.platform(), Fields.PLATFORMS);
        p.slug = Fields.slug("slug", in.slug());
        p.title = Texts.name("title", in.title(), 200);
        p.author = Fields.optionalText("author", in.author(), 200);
        p.homepage = Fields.homepage(in.homepage());
    }
}
