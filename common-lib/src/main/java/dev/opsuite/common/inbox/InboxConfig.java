package dev.opsuite.common.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "opsuite.inbox")
public interface InboxConfig {
    /** Tries of a failing handler before the record goes to the DLQ. */
    @WithDefault("3")
    int maxAttempts();

    /** Back-off before the first retry; doubles each time. */
    @WithDefault("200ms")
    Duration retryBackoff();
}
