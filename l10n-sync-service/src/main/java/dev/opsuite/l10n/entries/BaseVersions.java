package dev.opsuite.l10n.entries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.domain.Texts;

/** base_version as clients send it: an integer, or the seed's "v<integer>" spelling. */
public final class BaseVersions {
    private BaseVersions() {}

    /** null when absent or JSON null. */
    public static Long parse(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return node.asLong();
        }
        if (node.isTextual() && node.asText().matches("v?[0-9]{1,18}")) {
            String t = node.asText();
            return Long.parseLong(t.startsWith("v") ? t.substring(1) : t);
        }
        throw invalid(field);
    }

    /** A JSON integer read from a token stream (negative: not a version). */
    public static long parse(String field, long value) {
        if (value < 0) {
            throw invalid(field);
        }
        return value;
    }

    /** A JSON string read from a token stream: "v<integer>" or the digits alone. */
    public static long parse(String field, String text) {
        if (text.matches("v?[0-9]{1,18}")) {
            return Long.parseLong(text.startsWith("v") ? text.substring(1) : text);
        }
        throw invalid(field);
    }

    public static ApiException invalid(String field) {
        return Texts.invalid(field, "must be a non-negative integer version (or \"v<integer>\")");
    }
}
