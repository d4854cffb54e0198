package dev.opsuite.automation.ssh;

import dev.opsuite.automation.domain.Settings;
import dev.opsuite.automation.remote.SshPool;
import dev.opsuite.automation.task.Limiter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The SSH feature's {@code max_concurrent}: node sessions running at once on this replica, across all
 * SSH and script tasks; nodes beyond it wait {@code pending}. Resized from the feature settings.
 */
@ApplicationScoped
public class SshLimits {
    private final Limiter nodes = new Limiter(50);
    private final SshPool pool;

    public SshLimits(SshPool pool) {
        this.pool = pool;
    }

    public Limiter nodes() {
        return nodes;
    }

    public void apply(Settings settings) {
        nodes.resize(settings.sshMaxConcurrent());
        pool.resize(settings.sshPoolSize());
    }
}
