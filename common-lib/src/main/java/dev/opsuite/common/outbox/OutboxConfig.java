package dev.opsuite.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code opsuite.outbox.*}: the relay runs only in services that opt in with enabled=true. */
@ConfigMapping(prefix = "opsuite.outbox")
public interface OutboxConfig {
    @WithDefault("false")
    boolean enabled();

    /** Rows per relay transaction. */
    @WithDefault("200")
    int batchSize();

    /** How often the relay looks for rows when nobody pokes it. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long the relay waits for the broker's acks of one batch. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Longest back-off between retries of a failing row. */
    @WithDefault("5m")
    Duration maxBackoff();

    /** Published rows are deleted after this long. */
    @WithDefault("7d")
    Duration retention();
}
