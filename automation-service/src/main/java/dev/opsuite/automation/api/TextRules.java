package dev.opsuite.automation.api;

import dev.opsuite.common.error.ApiException;

/** Text that would reach PostgreSQL must be valid Unicode without NUL (PostgreSQL refuses both). */
public final class TextRules {
    private TextRules() {}

    public static void check(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                throw ApiException.badRequest("invalid_text", field + " contains a NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw ApiException.badRequest("invalid_text", field + " contains a lone surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                throw ApiException.badRequest("invalid_text", field + " contains a lone surrogate");
            }
        }
    }
}
