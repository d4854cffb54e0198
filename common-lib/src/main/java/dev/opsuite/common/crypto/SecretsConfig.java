package dev.opsuite.common.crypto;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/**
 * <pre>
 * opsuite.secrets.keys.v1=&lt;base64 of 32 random bytes&gt;   (env OPSUITE_SECRETS_KEYS_V1)
 * opsuite.secrets.keys.v2=…
 * opsuite.secrets.active-version=v2
 * </pre>
 * Without keys an ephemeral dev key is generated (with a warning): fine for tests and local runs only.
 */
@ConfigMapping(prefix = "opsuite.secrets")
public interface SecretsConfig {
    Map<String, String> keys();

    /** Defaults to the only configured version; required when there are several. */
    Optional<String> activeVersion();
}
