package dev.opsuite.l10n.domain;

import dev.opsuite.common.error.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text that reaches PostgreSQL: NUL cannot be stored in a text column and a lone surrogate is not
 * Unicode; both are a 400 naming the field, never a 500 from the driver.
 */
public final class Texts {
    private Texts() {}

    /** Null passes (absent optional field). */
    public static String clean(String field, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw invalid(field, problem);
        }
        return value;
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        return clean(field, value);
    }

    /** Required, trimmed, at most {@code max} characters. */
    public static String name(String field, String value, int max) {
        String v = required(field, value).strip();
        if (v.length() > max) {
            throw invalid(field, "must be at most " + max + " characters");
        }
        return v;
    }

    /** What is wrong with the text, or null. */
    public static String problem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "must not contain NUL (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a lone surrogate (not valid Unicode)";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains a lone surrogate (not valid Unicode)";
            }
        }
        return null;
    }

    public static ApiException invalid(String field, String problem) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("problem", problem);
        return ApiException.validation(field + " " + problem, details);
    }
}
