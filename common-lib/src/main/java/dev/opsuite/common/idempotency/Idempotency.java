package dev.opsuite.common.idempotency;

import dev.opsuite.common.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Header names, key validation and request hashing for Idempotency-Key support. */
public final class Idempotency {
    public static final String KEY_HEADER = "Idempotency-Key";
    /** The l10n API's historical name for the same header. */
    public static final String LEGACY_KEY_HEADER = "X-Idempotency-Key";

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private Idempotency() {}

    /** null stays null (no idempotency requested); anything else must be 1-255 visible ASCII chars. */
    public static String validateKey(String key) {
        if (key == null) {
            return null;
        }
        if (!SANE_KEY.matcher(key).matches()) {
            throw ApiException.badRequest(
                    "invalid_idempotency_key", "Idempotency-Key must be 1-255 visible ASCII characters");
        }
        return key;
    }

    /** Hex SHA-256 of the raw request body. */
    public static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hash(String body) {
        return hash(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A scope keeps keys of different endpoints and different callers apart. */
    public static String scope(String method, String path, String principal) {
        return method + " " + path + " " + (principal == null ? "-" : principal);
    }
}
