package dev.opsuite.l10n.catalogue;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.domain.EntryChanges;
import dev.opsuite.l10n.domain.Mod;
import dev.opsuite.l10n.domain.Pack;
import dev.opsuite.l10n.domain.PackVersion;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.domain.Uids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

@ApplicationScoped
public class PackVersionService {

    public record Created(PackVersion version, List<String> modUids) {}

    public Uni<Page<PackVersion>> list(String packUid, Paging paging) {
        Where where = new Where().eq("packUid", packUid);
        Where page = where.after(paging.afterUid());
        int from = Where.from(paging);
        return Panache.withSession(() -> PackVersion.<PackVersion>find(page.query(), Sort.by("uid"), page.params())
                .range(from, from + paging.limit())
                .list()
                .chain(rows -> PackVersion.count(where.query(), where.params())
                        .map(total -> new Page<>(rows, paging.limit(), total))));
    }

    public Uni<List<String>> modsOf(String packVersionUid) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT mod_uid FROM pack_version_mods WHERE pack_version_uid = :v ORDER BY mod_uid",
                                String.class)
                        .setParameter("v", packVersionUid)
                        .getResultList()));
    }

    public Uni<Created> create(PackVersionInput in) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        PackVersion v = new PackVersion();
        v.uid = Uids.next(Uids.PACK_VERSION);
        v.packUid = Texts.required("pack_uid", in.packUid());
        v.mcVersion = Fields.mcVersion(in.mcVersion());
        v.loader = Fields.oneOf("loader", in.loader(), Fields.LOADERS);
        v.manifestJson = in.manifestJson();
        if (v.manifestJson != null) {
            if (!v.manifestJson.isObject()) {
                throw Texts.invalid("manifest_json", "must be a JSON object");
            }
            String text = v.manifestJson.toString();
            if (text.contains("\\u0000")) {
                throw Texts.invalid("manifest_json", "must not contain NUL (U+0000)");
            }
            v.manifestHash = Cids.ofBytes(text.getBytes(StandardCharsets.UTF_8));
        }
        List<String> mods = new ArrayList<>(new LinkedHashSet<>(in.modUids() == null ? List.of() : in.modUids()));
        for (String m : mods) {
            Texts.required("mod_uids", m);
        }
        v.version = 1;
        v.createdAt = OffsetDateTime.now();
        v.updatedAt = v.createdAt;
        return Panache.withTransaction(() -> Pack.<Pack>findById(v.packUid)
                .chain(pack -> {
                    if (pack == null) {
                        throw ApiException.unprocessable("unknown_reference", "No pack " + v.packUid)
                                .withDetail("field", "pack_uid");
                    }
                    return mods.isEmpty() ? Uni.createFrom().item(0L) : Mod.count("uid in ?1", mods);
                })
                .chain(found -> {
                    if (found != mods.size()) {
                        throw ApiException.unprocessable("unknown_reference", "mod_uids names mods that do not exist")
                                .withDetail("field", "mod_uids");
                    }
                    return v.<PackVersion>persist();
                })
                .call(() -> Panache.getSession()
                        .chain(s -> s.flush()
                                .chain(() -> insertMods(s, v.uid, mods, 0))
                                // the pack's sync scope now covers these mods
                                .chain(() -> EntryChanges.recordEveryLocale(s))))
                .map(ignored -> new Created(v, mods)));
    }

    private static Uni<Integer> insertMods(Mutiny.Session s, String versionUid, List<String> mods, int i) {
        if (i >= mods.size()) {
            return Uni.createFrom().item(i);
        }
        return s.createNativeQuery("INSERT INTO pack_version_mods (pack_version_uid, mod_uid) VALUES (:v, :m)")
                .setParameter("v", versionUid)
                .setParameter("m", mods.get(i))
                .executeUpdate()
                .chain(() -> insertMods(s, versionUid, mods, i + 1));
    }
}
