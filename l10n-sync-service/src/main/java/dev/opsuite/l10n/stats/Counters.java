package dev.opsuite.l10n.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** Measured totals behind the statistics (bytes moved, CAS hits, re-sent parts, imported keys...). */
public final class Counters {
    public static final String IMPORT_KEYS = "import_keys";
    public static final String IMPORT_DUPLICATE_KEYS = "import_duplicate_keys";
    public static final String CHUNK_PARTS = "chunk_parts";
    public static final String CHUNK_PARTS_RESENT = "chunk_parts_resent";
    public static final String CHUNKS_COMPLETED = "chunks_completed";
    public static final String CHUNKS_CAS_HITS = "chunks_cas_hits";
    public static final String CHUNKS_REJECTED = "chunks_rejected";
    public static final String UPLOAD_BYTES = "upload_bytes";
    public static final String UPLOAD_MILLIS = "upload_millis";
    public static final String EXPORT_BYTES = "export_bytes";
    public static final String EXPORT_MILLIS = "export_millis";
    public static final String EXPORT_ROWS = "export_rows";

    private Counters() {}

    public static void add(Connection c, Map<String, Long> deltas) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = counters.value + EXCLUDED.value")) {
            for (Map.Entry<String, Long> d : deltas.entrySet()) {
                if (d.getValue() != 0) {
                    ps.setString(1, d.getKey());
                    ps.setLong(2, d.getValue());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
