package dev.opsuite.automation.recovery;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.domain.Login;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.inventory.CredentialService;
import dev.opsuite.automation.inventory.TargetResolver;
import dev.opsuite.automation.inventory.Targets;
import dev.opsuite.automation.remote.NodeTarget;
import dev.opsuite.automation.remote.RemoteCommand;
import dev.opsuite.automation.remote.SshFailure;
import dev.opsuite.automation.remote.SshPool;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.jboss.logging.Logger;

/** Kills what an interrupted task left running on its nodes (its wrappers' process groups), where reachable. */
@ApplicationScoped
public class RemoteCleanup {
    private static final Logger LOG = Logger.getLogger(RemoteCleanup.class);

    private final TargetResolver targets;
    private final CredentialService credentials;
    private final SshPool pool;
    private final AutomationConfig config;

    public RemoteCleanup(TargetResolver targets, CredentialService credentials, SshPool pool, AutomationConfig config) {
        this.targets = targets;
        this.credentials = credentials;
        this.pool = pool;
        this.config = config;
    }

    void killLeftovers(Task task) {
        Targets resolved;
        Login login;
        try {
            resolved = VertxContextSupport.subscribeAndAwait(
                    () -> targets.resolve(task.clusterName(), task.targetNodes()));
            login = VertxContextSupport.subscribeAndAwait(
                    () -> credentials.resolve(task.credentialId(), task.clusterName(), task.targetNodes()));
        } catch (Throwable e) {
            LOG.warnf("cannot clean up after task %s: %s", task.taskId(), e.getMessage());
            return;
        }
        for (NodeTarget node : resolved.nodes()) {
            Thread.ofVirtual().start(() -> {
                try (SshPool.Lease lease = pool.open(node, login)) {
                    Session.Command kill = lease.session()
                            .exec(RemoteCommand.killTaskCommandLine(
                                    task.taskId(),
                                    Math.max(1, config.killGrace().toSeconds())));
                    kill.join(config.killGrace().toSeconds() + 15, TimeUnit.SECONDS);
                } catch (SshFailure | IOException | RuntimeException e) {
                    LOG.warnf(
                            "node %s unreachable while cleaning up task %s: %s",
                            node.name(), task.taskId(), e.getMessage());
                }
            });
        }
    }
}
