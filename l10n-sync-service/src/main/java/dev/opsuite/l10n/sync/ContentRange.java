package dev.opsuite.l10n.sync;

import dev.opsuite.common.error.ApiException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code Content-Range: bytes a-b/total} of a chunk part, in bytes as sent (compressed). */
public record ContentRange(long first, long last, long total) {
    private static final Pattern RANGE = Pattern.compile("bytes (\\d{1,15})-(\\d{1,15})/(\\d{1,15})");

    public static ContentRange parse(String header, int bodyLength) {
        if (header == null || header.isBlank()) {
            if (bodyLength == 0) {
                throw ApiException.badRequest("empty_chunk", "The chunk body is empty");
            }
            return new ContentRange(0, bodyLength - 1, bodyLength);
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches()) {
            throw invalid(header, "must be 'bytes <first>-<last>/<total>'");
        }
        long a = Long.parseLong(m.group(1));
        long b = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        if (b < a || b >= total) {
            throw invalid(header, "needs first <= last < total");
        }
        if (b - a + 1 != bodyLength) {
            throw invalid(header, "covers " + (b - a + 1) + " bytes but the body has " + bodyLength);
        }
        return new ContentRange(a, b, total);
    }

    private static ApiException invalid(String header, String problem) {
        return ApiException.validation(
                "Invalid Content-Range: " + problem,
                Map.of("field", "Content-Range", "problem", problem, "received", header));
    }
}
