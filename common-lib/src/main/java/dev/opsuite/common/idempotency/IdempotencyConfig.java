package dev.opsuite.common.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "opsuite.idempotency")
public interface IdempotencyConfig {
    /** How long a key is remembered (per call overridable, e.g. l10n uses 60 min). */
    @WithDefault("24h")
    Duration ttl();

    /** An in-flight claim older than this is considered abandoned (crashed instance) and may be taken over. */
    @WithDefault("5m")
    Duration inFlightTimeout();
}
