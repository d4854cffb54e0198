package dev.opsuite.deployment.domain;

import dev.opsuite.common.error.ApiException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** Standard Webhooks secrets: {@code whsec_<base64 of 32 random bytes>}; the HMAC key is the decoded bytes. */
public final class WebhookSecrets {
    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {}

    public static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static byte[] key(String secret) {
        String b64 = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(
                    "webhook_secret must be whsec_<base64>", Map.of("webhook_secret", "must be whsec_<base64>"));
        }
    }

    /** Client-supplied secrets must decode to at least 24 bytes. */
    public static String validate(String secret) {
        if (secret == null) {
            return null;
        }
        if (key(secret).length < 24) {
            throw ApiException.validation(
                    "webhook_secret is too short", Map.of("webhook_secret", "must decode to at least 24 bytes"));
        }
        return secret;
    }
}
