package dev.opsuite.automation.inventory;

import dev.opsuite.common.error.ApiException;
import java.util.regex.Pattern;

/** Names of clusters, nodes and credentials: they appear in URLs, inventories and logs. */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");

    private Names() {}

    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("validation_failed", field + " is required");
        }
        if (!NAME.matcher(value).matches()) {
            throw ApiException.badRequest(
                    "validation_failed",
                    field
                            + " must be 1-63 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    public static String host(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("validation_failed", field + " is required");
        }
        if (!HOST.matcher(value).matches()) {
            throw ApiException.badRequest("validation_failed", field + " must be a host name or an IP address");
        }
        return value;
    }
}
