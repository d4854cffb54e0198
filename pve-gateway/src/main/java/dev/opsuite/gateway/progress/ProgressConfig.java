package dev.opsuite.gateway.progress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code opsuite.progress.*}: the WebSocket fan-out's limits. */
@ConfigMapping(prefix = "opsuite.progress")
public interface ProgressConfig {

    /** Messages sent to one socket and not yet written out; past this the client is dropped. */
    @WithDefault("512")
    int maxPendingPerConnection();

    /** Tasks whose latest state is kept for replay on subscribe (oldest forgotten first). */
    @WithDefault("10000")
    int retainedTasks();

    /** Subscriptions one connection may hold. */
    @WithDefault("1000")
    int maxSubscriptionsPerConnection();
}
