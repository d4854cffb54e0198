package dev.opsuite.l10n.entries;

/**
 * "One source text translated two ways within a pack": the other translations of the same source
 * text in the same locale, among the carriers that share a pack with this entry's carrier (and the
 * carrier itself). Parameters: :locale, :carrier, :src, :dst, :uid.
 */
public final class ConsistencyQuery {
    public static final String OTHER_TRANSLATIONS = "WITH packs_of AS ("
            + " SELECT pv.pack_uid FROM pack_version_mods m JOIN pack_versions pv ON pv.uid = m.pack_version_uid"
            + " WHERE m.mod_uid = :carrier UNION SELECT CAST(:carrier AS text)),"
            + " scope AS (SELECT m.mod_uid AS carrier FROM pack_versions pv"
            + " JOIN pack_version_mods m ON m.pack_version_uid = pv.uid WHERE pv.pack_uid IN (SELECT pack_uid FROM packs_of)"
            + " UNION SELECT pack_uid FROM packs_of)"
            + " SELECT o.dst_text FROM translation_entries o JOIN language_files lf ON lf.uid = o.language_file_uid"
            + " WHERE md5(o.src_text) = md5(CAST(:src AS text)) AND o.src_text = :src AND lf.locale = :locale"
            + " AND lf.carrier_uid IN (SELECT carrier FROM scope) AND o.uid <> :uid AND o.dst_text IS NOT NULL"
            + " AND o.dst_text <> :dst AND o.dst_text <> '' AND o.status IN ('reviewed', 'locked', 'mt', 'suggested')"
            + " GROUP BY o.dst_text ORDER BY count(*) DESC, o.dst_text LIMIT 5";

    private ConsistencyQuery() {}
}
