package dev.opsuite.l10n.catalogue;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.domain.ModVersion;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.domain.Uids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

@ApplicationScoped
public class ModVersionService {

    public Uni<Page<ModVersion>> list(String modUid, String mcVersion, Paging paging) {
        Where where = new Where().eq("modUid", modUid).eq("mcVersion", mcVersion);
        Where page = where.after(paging.afterUid());
        int from = Where.from(paging);
        return Panache.withSession(() -> ModVersion.<ModVersion>find(page.query(), Sort.by("uid"), page.params())
                .range(from, from + paging.limit())
                .list()
                .chain(rows -> ModVersion.count(where.query(), where.params())
                        .map(total -> new Page<>(rows, paging.limit(), total))));
    }

    public Uni<ModVersion> create(ModVersionInput in) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        ModVersion v = new ModVersion();
        v.uid = Uids.next(Uids.MOD_VERSION);
        v.modUid = Texts.required("mod_uid", in.modUid());
        v.loader = Fields.oneOf("loader", in.loader(), Fields.LOADERS);
        v.mcVersion = Fields.mcVersion(in.mcVersion());
        v.modVersion = Texts.name("version", in.version(), 100);
        if (in.metaJson() != null && !in.metaJson().isObject()) {
            throw Texts.invalid("meta_json", "must be a JSON object");
        }
        if (in.metaJson() != null && in.metaJson().toString().contains("\\u0000")) {
            throw Texts.invalid("meta_json", "must not contain NUL (U+0000)");
        }
        v.metaJson = in.metaJson();
        v.rowVersion = 1;
        v.createdAt = OffsetDateTime.now();
        v.updatedAt = v.createdAt;
        return Panache.withTransaction(() -> ModService.find(v.modUid)
                .onFailure(ApiException.class)
                .transform(e -> ApiException.unprocessable("unknown_reference", "No mod " + v.modUid)
                        .withDetail("field", "mod_uid"))
                .chain(mod -> ModVersion.count(
                        "modUid = ?1 and loader = ?2 and mcVersion = ?3 and modVersion = ?4",
                        v.modUid,
                        v.loader,
                        v.mcVersion,
                        v.modVersion))
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict(
                                "already_exists",
                                "This mod version already exists for that loader and Minecraft version");
                    }
                    return v.<ModVersion>persist();
                }));
    }
}
