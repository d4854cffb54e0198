package dev.opsuite.l10n.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.paging.Cursor;
import dev.opsuite.l10n.domain.Texts;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Query parameters arrive as strings and are parsed here: a wrong-typed value is a 400 naming the
 * parameter (JAX-RS would answer 404 for an unconvertible {@code @QueryParam Integer}).
 */
public final class Params {
    private Params() {}

    public static Integer optionalInt(String name, String value, int min, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(name, "must be an integer", value);
        }
        if (v < min || v > max) {
            throw bad(name, "must be between " + min + " and " + max, value);
        }
        return (int) v;
    }

    public static int intOr(String name, String value, int min, int max, int fallback) {
        Integer v = optionalInt(name, value, min, max);
        return v == null ? fallback : v;
    }

    public static Long optionalLong(String name, String value, long min) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long v = Long.parseLong(value);
            if (v < min) {
                throw bad(name, "must be >= " + min, value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(name, "must be an integer", value);
        }
    }

    public static OffsetDateTime optionalTime(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(name, "must be an RFC 3339 timestamp (2025-09-10T12:00:00Z)", value);
        }
    }

    public static String optionalText(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return Texts.clean(name, value);
    }

    public static String oneOf(String name, String value, List<String> allowed) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw bad(name, "must be one of " + String.join(", ", allowed), value);
        }
        return value;
    }

    /** {@code after}: the previous page's {@code next} cursor, or a raw uid with the given prefix. */
    public static String afterUid(String value, String prefix) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.startsWith(prefix)) {
            return Texts.clean("after", value);
        }
        // a blank cursor decodes to nothing: it is neither a next cursor nor a uid
        List<String> parts = value.isBlank() ? List.of() : Cursor.decode(value, 1);
        if (parts.isEmpty()) {
            throw bad("after", "must be the previous page's next cursor or a uid starting with " + prefix, value);
        }
        return Texts.clean("after", parts.get(0));
    }

    public static ApiException bad(String name, String problem, String received) {
        return ApiException.validation(
                "Invalid query parameter " + name + ": " + problem,
                Map.of("field", name, "problem", problem, "received", received));
    }
}
