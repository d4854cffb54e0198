package dev.opsuite.common.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks (standardwebhooks.com) secrets and signatures, the one scheme every service of the
 * suite signs its outbound webhooks with, so a receiver verifies them all with one library.
 *
 * <p>A secret is {@code whsec_<base64 of the key>}; the signature is {@code v1,<base64
 * HMAC-SHA256(key, "<id>.<timestamp>.<body>")>} sent with the {@code webhook-id} and {@code
 * webhook-timestamp} headers it covers.
 */
public final class StandardWebhooks {
    public static final String SECRET_PREFIX = "whsec_";
    /** What a client-supplied secret must decode to at least (the spec recommends 24–64 bytes). */
    public static final int MIN_KEY_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhooks() {}

    /** A new secret of 32 random bytes. */
    public static String generateSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The HMAC key inside a secret (the prefix is optional, as receivers' libraries accept both).
     *
     * @throws IllegalArgumentException when the rest is not base64
     */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    /** The {@code webhook-signature} value for one message. */
    public static String sign(String secret, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** The three headers of a signed message. */
    public static Map<String, String> headers(String secret, String id, long timestampSeconds, String body) {
        return Map.of(
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestampSeconds),
                "webhook-signature", sign(secret, id, timestampSeconds, body));
    }
}
