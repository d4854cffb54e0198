package dev.opsuite.l10n.catalogue;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.domain.EntryChanges;
import dev.opsuite.l10n.domain.Mod;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.domain.Uids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Locale;

@ApplicationScoped
public class ModService {

    /** @param search case-insensitive substring of modid, slug or name */
    public Uni<Page<Mod>> list(String search, Paging paging) {
        Where where = new Where();
        if (search != null) {
            String like = "%"
                    + search.toLowerCase(Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_") + "%";
            where.clause(
                    "(lower(modid) like :q escape '\\' or lower(coalesce(slug, '')) like :q escape '\\' or lower(name) like :q escape '\\')",
                    "q",
                    like);
        }
        Where page = where.after(paging.afterUid());
        int from = Where.from(paging);
        return Panache.withSession(() -> Mod.<Mod>find(page.query(), Sort.by("uid"), page.params())
                .range(from, from + paging.limit())
                .list()
                .chain(rows -> Mod.count(where.query(), where.params())
                        .map(total -> new Page<>(rows, paging.limit(), total))));
    }

    public Uni<Mod> get(String uid) {
        return Panache.withSession(() -> find(uid));
    }

    public Uni<Mod> create(ModInput in) {
        Mod m = new Mod();
        m.uid = Uids.next(Uids.MOD);
        apply(m, in);
        m.version = 1;
        m.createdAt = OffsetDateTime.now();
        m.updatedAt = m.createdAt;
        return Panache.withTransaction(() -> Mod.count("modid", m.modid).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("already_exists", "A mod with modid " + m.modid + " already exists");
            }
            return m.<Mod>persist();
        }));
    }

    public Uni<Mod> update(String uid, Long expectedVersion, ModInput in) {
        return Panache.withTransaction(() -> find(uid).chain(m -> {
            Versions.check(m.version, expectedVersion);
            String before = m.modid;
            apply(m, in);
            m.updatedAt = OffsetDateTime.now();
            if (before.equals(m.modid)) {
                return Uni.createFrom().item(m);
            }
            return Mod.count("modid = ?1 and uid <> ?2", m.modid, uid).map(n -> {
                if (n > 0) {
                    throw ApiException.conflict("already_exists", "A mod with modid " + m.modid + " already exists");
                }
                return m;
            });
        }));
    }

    public Uni<Void> delete(String uid, Long expectedVersion) {
        return Panache.withTransaction(() -> find(uid).chain(m -> {
            Versions.check(m.version, expectedVersion);
            // its pack versions' mods go with it: pack sync scopes change
            return m.delete()
                    .chain(() -> Panache.getSession().chain(EntryChanges::recordEveryLocale))
                    .replaceWithVoid();
        }));
    }

    static Uni<Mod> find(String uid) {
        return Mod.<Mod>findById(uid).map(m -> {
            if (m == null) {
                throw ApiException.notFound("No mod " + uid);
            }
            return m;
        });
    }

    private static void apply(Mod m, ModInput in) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        m.modid = Fields.modid(in.modid());
        m.slug = Fields.optionalSlug("slug", in.slug());
        m.name = Texts.name("name", in.name(), 200);
        m.homepage = Fields.homepage(in.homepage());
    }
}
