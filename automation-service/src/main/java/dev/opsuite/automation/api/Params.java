package dev.opsuite.automation.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.paging.PageRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Query and path parameters arrive as text and are parsed here, so a wrong type is a 400 naming the
 * parameter (JAX-RS would answer 404 for a query parameter it cannot convert).
 */
public final class Params {
    private Params() {}

    public static Integer optionalInt(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", name + " must be an integer, got '" + clip(value) + "'");
        }
    }

    public static long id(String name, String value) {
        try {
            long id = Long.parseLong(value);
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    "invalid_parameter", name + " must be a positive integer, got '" + clip(value) + "'");
        }
    }

    public static Boolean optionalBool(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default ->
                throw ApiException.badRequest(
                        "invalid_parameter", name + " must be true or false, got '" + clip(value) + "'");
        };
    }

    public static LocalDate optionalDate(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "invalid_parameter", name + " must be a date (YYYY-MM-DD), got '" + clip(value) + "'");
        }
    }

    /** Text filters reach PostgreSQL: NUL and lone surrogates are refused like in bodies. */
    public static String optionalText(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        TextRules.check(name, value);
        return value;
    }

    public static PageRequest page(String page, String pageSize) {
        return PageRequest.ofPage(optionalInt("page", page), optionalInt("page_size", pageSize), 20, 100);
    }

    private static String clip(String value) {
        String safe = value.replace('\u0000', '?');
        return safe.length() > 40 ? safe.substring(0, 40) + "…" : safe;
    }
}
