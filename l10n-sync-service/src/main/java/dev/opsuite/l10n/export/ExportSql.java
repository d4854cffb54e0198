package dev.opsuite.l10n.export;

/** The export's row shape, produced by PostgreSQL itself (json_build_object) so COPY can stream it. */
public final class ExportSql {
    /** One NDJSON line per entry e (the order of members is fixed). */
    public static final String JSON_LINE = "json_build_object("
            + "'language_file_uid', e.language_file_uid, 'key', e.key, 'src_text', e.src_text, 'dst_text', e.dst_text, "
            + "'status', e.status, 'qa_flags', e.qa_flags, 'version', e.version, 'cid', e.cid, "
            + "'updated_at', to_char(e.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
            + "'revision', e.revision, 'entry_uid', e.uid)::text";

    private ExportSql() {}
}
