package dev.opsuite.l10n.sync;

import dev.opsuite.l10n.domain.Locales;
import dev.opsuite.l10n.domain.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * Which entries a sync session covers: one locale, optionally narrowed to a pack (its mods in any of
 * its versions, and the pack's own resource-pack/override files) and/or one carrier
 * ({@code project_uid}: a mod or pack uid).
 */
public record SyncScope(String locale, String projectUid, String packUid) {

    public static SyncScope of(String locale, String projectUid, String packUid) {
        return new SyncScope(
                Locales.require("scope.locale", locale),
                Texts.clean("scope.project_uid", projectUid),
                Texts.clean("scope.pack_uid", packUid));
    }

    /** FROM/WHERE over translation_entries e joined with language_files f, and its parameters. */
    public String where(List<Object> params) {
        StringBuilder sb = new StringBuilder(
                " FROM translation_entries e JOIN language_files f ON f.uid = e.language_file_uid WHERE f.locale = ?");
        params.add(locale);
        if (packUid != null) {
            sb.append(" AND f.carrier_uid IN (SELECT m.mod_uid FROM pack_version_mods m JOIN pack_versions v"
                    + " ON v.uid = m.pack_version_uid WHERE v.pack_uid = ? UNION SELECT ?::text)");
            params.add(packUid);
            params.add(packUid);
        }
        if (projectUid != null) {
            sb.append(" AND f.carrier_uid = ?");
            params.add(projectUid);
        }
        return sb.toString();
    }

    public List<Object> newParams() {
        return new ArrayList<>();
    }
}
