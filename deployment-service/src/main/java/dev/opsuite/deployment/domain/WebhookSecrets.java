package dev.opsuite.deployment.domain;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.webhooks.StandardWebhooks;
import java.util.Map;

/** The rules for a client-supplied Standard Webhooks secret ({@code whsec_<base64>}, a key of 24 bytes or more). */
public final class WebhookSecrets {
    private WebhookSecrets() {}

    /** The secret as given, or null when none was; a 400 naming {@code webhook_secret} when it is unusable. */
    public static String validate(String secret) {
        if (secret == null) {
            return null;
        }
        byte[] key;
        try {
            key = StandardWebhooks.key(secret);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(
                    "webhook_secret must be whsec_<base64>", Map.of("webhook_secret", "must be whsec_<base64>"));
        }
        if (key.length < StandardWebhooks.MIN_KEY_BYTES) {
            throw ApiException.validation(
                    "webhook_secret is too short",
                    Map.of("webhook_secret", "must decode to at least " + StandardWebhooks.MIN_KEY_BYTES + " bytes"));
        }
        return secret;
    }
}
