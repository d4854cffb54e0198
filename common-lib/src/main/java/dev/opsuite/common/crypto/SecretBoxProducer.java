package dev.opsuite.common.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** Builds the service's {@link SecretBox} from {@link SecretsConfig}. */
public class SecretBoxProducer {
    private static final Logger LOG = Logger.getLogger(SecretBoxProducer.class);
    static final String DEV_VERSION = "dev";

    @Produces
    @ApplicationScoped
    SecretBox secretBox(SecretsConfig config) {
        return fromConfig(config.keys(), config.activeVersion().orElse(null));
    }

    static SecretBox fromConfig(Map<String, String> encodedKeys, String active) {
        if (encodedKeys.isEmpty()) {
            LOG.warn("No opsuite.secrets.keys configured: using an ephemeral random development key. "
                    + "Secrets stored now cannot be decrypted after a restart. Configure opsuite.secrets.keys.<version> "
                    + "(base64 of 32 bytes) and opsuite.secrets.active-version for real use.");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return new SecretBox(Map.of(DEV_VERSION, key), DEV_VERSION);
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        encodedKeys.forEach((version, encoded) -> {
            try {
                keys.put(version, Base64.getDecoder().decode(encoded.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("opsuite.secrets.keys." + version + " is not valid base64");
            }
        });
        if (active == null) {
            if (keys.size() != 1) {
                throw new IllegalArgumentException(
                        "opsuite.secrets.active-version is required when several keys are configured");
            }
            active = keys.keySet().iterator().next();
        }
        return new SecretBox(keys, active);
    }
}
