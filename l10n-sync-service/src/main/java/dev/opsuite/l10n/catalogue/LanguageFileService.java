package dev.opsuite.l10n.catalogue;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.domain.LanguageFile;
import dev.opsuite.l10n.domain.Locales;
import dev.opsuite.l10n.domain.Mod;
import dev.opsuite.l10n.domain.Pack;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.domain.Uids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

@ApplicationScoped
public class LanguageFileService {

    public Uni<Page<LanguageFile>> list(String carrier, String carrierUid, String locale, Paging paging) {
        Where where = new Where()
                .eq("carrierType", carrier)
                .eq("carrierUid", carrierUid)
                .eq("locale", locale);
        Where page = where.after(paging.afterUid());
        int from = Where.from(paging);
        return Panache.withSession(() -> LanguageFile.<LanguageFile>find(page.query(), Sort.by("uid"), page.params())
                .range(from, from + paging.limit())
                .list()
                .chain(rows -> LanguageFile.count(where.query(), where.params())
                        .map(total -> new Page<>(rows, paging.limit(), total))));
    }

    public Uni<LanguageFile> get(String uid) {
        return Panache.withSession(() -> LanguageFile.<LanguageFile>findById(uid)
                .map(f -> {
                    if (f == null) {
                        throw ApiException.notFound("No language file " + uid);
                    }
                    return f;
                }));
    }

    public Uni<LanguageFile> create(LanguageFileInput in) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        LanguageFile f = new LanguageFile();
        f.uid = Uids.next(Uids.FILE);
        f.carrierType = Fields.oneOf("carrier_type", in.carrierType(), Fields.CARRIERS);
        f.carrierUid = Texts.required("carrier_uid", in.carrierUid());
        f.locale = Locales.require("locale", in.locale());
        f.relPath = Fields.relPath(in.relPath());
        f.format = Fields.oneOf("format", in.format(), Fields.FORMATS);
        f.version = 1;
        f.createdAt = OffsetDateTime.now();
        f.updatedAt = f.createdAt;
        return Panache.withTransaction(() -> carrierExists(f)
                .chain(exists -> {
                    if (!exists) {
                        throw ApiException.unprocessable(
                                        "unknown_reference", "No " + f.carrierType + " with uid " + f.carrierUid)
                                .withDetail("field", "carrier_uid");
                    }
                    return LanguageFile.count(
                            "carrierUid = ?1 and locale = ?2 and relPath = ?3", f.carrierUid, f.locale, f.relPath);
                })
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict(
                                "already_exists", "The carrier already has a " + f.locale + " file at " + f.relPath);
                    }
                    return f.<LanguageFile>persist();
                }));
    }

    /** Mods carry mod files; packs carry resource packs, data packs and overrides. */
    private static Uni<Boolean> carrierExists(LanguageFile f) {
        if (f.carrierType.equals("mod")) {
            return Mod.count("uid", f.carrierUid).map(n -> n > 0);
        }
        return Pack.count("uid", f.carrierUid).map(n -> n > 0);
    }
}
