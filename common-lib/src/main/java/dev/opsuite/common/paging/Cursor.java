package dev.opsuite.common.paging;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.error.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opaque cursors: base64url (no padding) of a version tag and the position's parts (e.g. the last
 * row's sort key and id). Clients must treat them as opaque; anything that does not decode to our
 * own format is a 400 invalid_cursor.
 */
public final class Cursor {
    private static final String VERSION = "c1";
    private static final char SEP = '\u001f';
    private static final int MAX_LENGTH = 1024;

    private Cursor() {}

    public static String encode(String... parts) {
        StringBuilder sb = new StringBuilder(VERSION);
        for (String part : parts) {
            if (part.indexOf(SEP) >= 0) {
                throw new IllegalArgumentException("cursor part contains the separator");
            }
            sb.append(SEP).append(part);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor that must have exactly {@code expectedParts} parts; null/blank -> empty list. */
    public static List<String> decode(String cursor, int expectedParts) {
        if (cursor == null || cursor.isBlank()) {
            return List.of();
        }
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        List<String> parts = new ArrayList<>(List.of(raw.split(String.valueOf(SEP), -1)));
        if (parts.isEmpty() || !VERSION.equals(parts.get(0)) || parts.size() - 1 != expectedParts) {
            throw invalid();
        }
        return List.copyOf(parts.subList(1, parts.size()));
    }

    private static ApiException invalid() {
        return ApiException.badRequest(ErrorCodes.INVALID_CURSOR, "Malformed or foreign cursor")
                .withDetail("cursor", "not a cursor issued by this API");
    }
}
