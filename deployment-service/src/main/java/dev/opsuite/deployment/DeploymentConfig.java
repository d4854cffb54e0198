package dev.opsuite.deployment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the deployment service (prefix {@code opsuite.deployment}); defaults work on one machine. */
@ConfigMapping(prefix = "opsuite.deployment")
public interface DeploymentConfig {

    /** Deployments running at once across all replicas (enforced in the database). */
    @WithDefault("3")
    int maxConcurrent();

    /** Queued deployments waiting for a slot; beyond that a queue:true request gets 429 too. */
    @WithDefault("20")
    int maxQueued();

    /** App used by requests without {@code app} (the seed API deployed one app). */
    Optional<String> defaultApp();

    @WithDefault("300")
    int defaultTimeoutSeconds();

    @WithDefault("production")
    String defaultEnvironment();

    /** Between SIGTERM and SIGKILL when a process tree is terminated. */
    @WithDefault("5s")
    Duration killGrace();

    /** Identifies this replica: restart recovery only touches deployments this instance ran. Default: host name. */
    Optional<String> instanceId();

    /** Directories (':'-separated) searched before PATH for docker, uv, python3 and start commands. */
    Optional<String> toolPath();

    /** Where app instance logs live. */
    @WithDefault("${java.io.tmpdir}/opsuite-deployment")
    String stateDir();

    /** Without a health URL the started process must stay up this long to count as healthy. */
    @WithDefault("3s")
    Duration startupGrace();

    /** How often docker/uv/python availability is re-checked in the background. */
    @WithDefault("60s")
    Duration availabilityRefresh();

    /** How long one availability probe command may take. */
    @WithDefault("15s")
    Duration probeTimeout();

    /** A running deployment whose replica has not checked in for this long is failed as interrupted. */
    @WithDefault("2m")
    Duration heartbeatTimeout();

    /**
     * How often each replica looks for deployments whose replica went silent: a dead replica's
     * deployment is failed within {@code heartbeat-timeout} plus this.
     */
    @WithDefault("30s")
    Duration reclaimInterval();

    Webhooks webhooks();

    interface Webhooks {
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** One delivery attempt (connect + response). */
        @WithDefault("10s")
        Duration timeout();
    }
}
