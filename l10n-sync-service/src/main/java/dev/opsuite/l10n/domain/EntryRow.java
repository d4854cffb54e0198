package dev.opsuite.l10n.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * A {@code translation_entries} row on the bulk paths (JDBC: import, sync commit, export). One
 * column list for all of them; {@link TranslationEntry} maps the same columns for the CRUD path.
 */
public record EntryRow(
        String uid,
        String languageFileUid,
        String key,
        String srcText,
        String dstText,
        String status,
        String qaFlagsJson,
        long version,
        String cid,
        long revision,
        OffsetDateTime updatedAt) {

    public static final String COLUMNS =
            "uid, language_file_uid, key, src_text, dst_text, status, qa_flags::text AS qa_flags, version, cid, revision, updated_at";

    /** The same list qualified with {@code alias.} (for joins). */
    public static String columns(String alias) {
        return COLUMNS.replace(
                "uid, language_file_uid, key, src_text, dst_text, status, qa_flags::text AS qa_flags, version, cid, revision, updated_at",
                alias + ".uid, " + alias + ".language_file_uid, " + alias + ".key, " + alias + ".src_text, " + alias
                        + ".dst_text, " + alias + ".status, " + alias + ".qa_flags::text AS qa_flags, " + alias
                        + ".version, " + alias + ".cid, " + alias + ".revision, " + alias + ".updated_at");
    }

    public static EntryRow from(ResultSet rs) throws SQLException {
        return new EntryRow(
                rs.getString("uid"),
                rs.getString("language_file_uid"),
                rs.getString("key"),
                rs.getString("src_text"),
                rs.getString("dst_text"),
                rs.getString("status"),
                rs.getString("qa_flags"),
                rs.getLong("version"),
                rs.getString("cid"),
                rs.getLong("revision"),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    public EntryContent content() {
        return new EntryContent(languageFileUid, key, srcText, dstText, status);
    }
}
