package dev.opsuite.common.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "opsuite.inbox")
public interface InboxConfig {
    /**
     * Tries of a handler that fails on the record's data before the record goes to the DLQ. A
     * transient failure (database or broker away) is retried until it passes instead.
     */
    @WithDefault("3")
    int maxAttempts();

    /** Back-off before the first retry; doubles each time. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Longest back-off between retries of a transient failure (which are retried until they pass). */
    @WithDefault("10s")
    Duration maxRetryBackoff();

    /** A consumer stuck on one record for longer than this makes the service's readiness DOWN. */
    @WithDefault("60s")
    Duration stuckAfter();
}
