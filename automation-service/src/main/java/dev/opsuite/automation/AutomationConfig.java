package dev.opsuite.automation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of automation-service (prefix {@code opsuite.automation}). The feature switches and the
 * runtime-tunable engine limits (timeouts, max_concurrent, pool size) live in the database
 * ({@code PUT /api/v1/features/automation/*}); these are the deployment-time settings.
 */
@ConfigMapping(prefix = "opsuite.automation")
public interface AutomationConfig {

    /** Identifies this replica (task ownership, reconciliation). Default: host name + pid. */
    Optional<String> instanceId();

    /** Tasks running at once on this replica, all kinds together; the rest wait {@code pending}. */
    @WithDefault("20")
    int maxRunningTasks();

    /** SSH connect timeout (TCP + key exchange + authentication). */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Interval of SSH keepalive requests on pooled connections; a dead peer is dropped after 3 misses. */
    @WithDefault("15s")
    Duration keepAlive();

    /** Pooled connections idle longer than this are closed. */
    @WithDefault("5m")
    Duration idleConnectionTimeout();

    /** Bytes kept per node and stream (stdout, stderr); the rest is counted and replaced by a marker. */
    @WithDefault("1048576")
    int outputCapBytes();

    /** Ansible output kept per task. */
    @WithDefault("4194304")
    int ansibleOutputCapBytes();

    /** Between SIGTERM and SIGKILL when a remote process group or a local process tree is cancelled. */
    @WithDefault("2s")
    Duration killGrace();

    /** Maximum size of a script or playbook body. */
    @WithDefault("1048576")
    int maxContentBytes();

    /** Finished tasks older than this are deleted. */
    @WithDefault("30d")
    Duration historyRetention();

    /** A running task whose owner stopped heart-beating for this long is reconciled as interrupted. */
    @WithDefault("60s")
    Duration ownerLease();

    /**
     * How often a replica heart-beats its running tasks; well below {@code owner-lease}. Read by
     * {@code TaskEngine}'s schedule as {@code ${opsuite.automation.heartbeat-every}}.
     */
    @WithDefault("10s")
    Duration heartbeatEvery();

    /** Attempts at one webhook delivery (back-off doubling from 1 s, at most 10 min apart) before it is failed. */
    @WithDefault("10")
    int webhookAttempts();

    /**
     * How long a claimed webhook delivery is leased to the replica sending it; longer than the 10 s send
     * timeout, so a live replica always finishes its attempt in time, and short enough that a delivery
     * of a replica that died mid-send is taken over soon.
     */
    @WithDefault("30s")
    Duration webhookLease();

    /** How often a replica looks for tasks of dead replicas (read by {@code Reconciler}'s schedule). */
    @WithDefault("30s")
    Duration reconcileEvery();

    /** Dangerous-command interception. */
    Safety safety();

    interface Safety {
        /** Refuse obfuscated commands ($(…), backticks, eval, base64 piped to a shell) unless an admin allows it. */
        @WithDefault("true")
        boolean refuseObfuscation();

        /** Extra command names that are always refused (e.g. "shutdown", "halt"). */
        Optional<List<String>> deniedCommands();

        /** Rules (by name) switched off, e.g. "fork-bomb". */
        Optional<List<String>> disabledRules();
    }
}
