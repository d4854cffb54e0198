package dev.opsuite.l10n.export;

import dev.opsuite.l10n.domain.Locales;
import dev.opsuite.l10n.domain.Texts;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an export covers: locale, carrier type and uid, entries updated after a time, entries after a
 * revision (keyset resume: since_id = the revision of the last row read), at most limit rows, in
 * revision order.
 */
public record ExportQuery(
        String locale, String carrier, String carrierUid, OffsetDateTime after, Long sinceId, int limit) {
    private static final Pattern UID = Pattern.compile("[a-z_]{1,20}[0-9a-f]{1,64}");
    static final List<String> CARRIERS = List.of("mod", "resource_pack", "data_pack", "override");

    public ExportQuery {
        Locales.optional("locale", locale);
        if (carrier != null && !CARRIERS.contains(carrier)) {
            throw Texts.invalid("carrier", "must be one of " + String.join(", ", CARRIERS));
        }
        if (carrierUid != null && !UID.matcher(carrierUid).matches()) {
            throw Texts.invalid("carrier_uid", "is not a uid of this API");
        }
    }

    /**
     * The WHERE clause with literal values, for COPY (which takes no bind parameters): every value is
     * validated above to a strict pattern, or is a number or a formatted timestamp.
     */
    String whereLiteral(boolean withKeyset) {
        List<String> c = new ArrayList<>();
        if (locale != null) {
            c.add("f.locale = '" + locale + "'");
        }
        if (carrier != null) {
            c.add("f.carrier_type = '" + carrier + "'");
        }
        if (carrierUid != null) {
            c.add("f.carrier_uid = '" + carrierUid + "'");
        }
        if (after != null) {
            c.add("e.updated_at > '"
                    + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(after.withOffsetSameInstant(ZoneOffset.UTC))
                    + "'::timestamptz");
        }
        if (withKeyset && sinceId != null) {
            c.add("e.revision > " + sinceId);
        }
        return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
    }

    String from() {
        return " FROM translation_entries e JOIN language_files f ON f.uid = e.language_file_uid";
    }

    /** Cache key of a page. */
    String key(String format) {
        return format + "|" + locale + "|" + carrier + "|" + carrierUid + "|" + after + "|" + sinceId + "|" + limit;
    }
}
