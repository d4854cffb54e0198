package dev.opsuite.l10n.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** A row of {@code zstd_dicts} without its bytes. */
public record Dictionary(
        String dictId,
        String locale,
        long zstdDictId,
        int sizeBytes,
        int samples,
        double ratioPlain,
        double ratioDict,
        OffsetDateTime createdAt) {
    static final String COLUMNS =
            "dict_id, locale, zstd_dict_id, length(data) AS size_bytes, samples, ratio_plain, ratio_dict, created_at";

    static Dictionary from(ResultSet rs) throws SQLException {
        return new Dictionary(
                rs.getString("dict_id"),
                rs.getString("locale"),
                rs.getLong("zstd_dict_id"),
                rs.getInt("size_bytes"),
                rs.getInt("samples"),
                rs.getDouble("ratio_plain"),
                rs.getDouble("ratio_dict"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
