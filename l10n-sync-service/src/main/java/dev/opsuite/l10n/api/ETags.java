package dev.opsuite.l10n.api;

import dev.opsuite.common.error.ApiException;
import java.util.Map;

/** Strong ETags carrying a row's version: {@code "7"}. */
public final class ETags {
    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header expects; null for {@code *}. Missing → 428; a weak or
     * malformed tag → 400.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(
                            428, "precondition_required", "Updates need an If-Match header with the entry's ETag")
                    .withDetail("header", "If-Match");
        }
        String v = ifMatch.trim();
        if (v.equals("*")) {
            return null;
        }
        if (v.startsWith("W/")) {
            throw ApiException.badRequest("invalid_if_match", "If-Match needs a strong ETag (no W/)");
        }
        if (v.length() < 3 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            throw ApiException.badRequest("invalid_if_match", "If-Match must be a quoted ETag such as \"3\"");
        }
        String inner = v.substring(1, v.length() - 1);
        if (inner.startsWith("v")) {
            inner = inner.substring(1);
        }
        try {
            return Long.parseLong(inner);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_if_match", "If-Match must carry an ETag issued by this API");
        }
    }

    public static ApiException stale(long current) {
        return new ApiException(
                        412,
                        "precondition_failed",
                        "The entry changed since you read it",
                        Map.of("current_version", current))
                .withHeader("ETag", of(current));
    }
}
