package dev.opsuite.l10n.webhooks;

import java.security.SecureRandom;
import java.util.Base64;

/** {@code whsec_<base64 of 32 random bytes>}, as Standard Webhooks libraries expect. */
public final class WebhookSecrets {
    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {}

    public static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    static byte[] key(String secret) {
        String b64 = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(b64);
    }
}
