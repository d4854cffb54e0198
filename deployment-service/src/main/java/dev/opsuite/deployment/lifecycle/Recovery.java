package dev.opsuite.deployment.lifecycle;

import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.domain.DeploymentStatus;
import dev.opsuite.deployment.domain.Replica;
import dev.opsuite.deployment.process.ProcessRecords;
import dev.opsuite.deployment.transitions.Transitions;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * After a restart nothing of this replica is running any more: its unfinished deployments become
 * {@code failed} with error {@code interrupted}, and the processes they had started (steps and apps,
 * checked by PID and start time) are killed. Queued deployments then get their turn.
 */
@ApplicationScoped
public class Recovery {
    private static final Logger LOG = Logger.getLogger(Recovery.class);

    private final DeploymentRepository repo;
    private final Replica replica;
    private final ProcessRecords processes;
    private final Transitions transitions;
    private final QueuePromotion queue;
    private final DeploymentConfig config;

    public Recovery(
            DeploymentRepository repo,
            Replica replica,
            ProcessRecords processes,
            Transitions transitions,
            QueuePromotion queue,
            DeploymentConfig config) {
        this.repo = repo;
        this.replica = replica;
        this.processes = processes;
        this.transitions = transitions;
        this.queue = queue;
        this.config = config;
    }

    void onStart(@Observes StartupEvent ev) {
        try {
            int n = recoverInterrupted();
            if (n > 0) {
                LOG.warnf("marked %d deployments interrupted by the restart as failed", n);
            }
            queue.promoteQueued();
        } catch (RuntimeException e) {
            LOG.errorf(e, "restart recovery failed");
        }
    }

    /** @return how many deployments were marked interrupted */
    public int recoverInterrupted() {
        List<String> ids = repo.activeOwnedBy(replica.id());
        for (String id : ids) {
            processes.killAll(id, config.killGrace());
            transitions.finish(id, DeploymentStatus.FAILED, "interrupted", null, null);
        }
        return ids.size();
    }

    /**
     * Deployments of a replica that stopped checking in (crashed for good, or renamed) are failed as
     * interrupted, so they do not hold slots forever. Their processes ran on that replica's host, so
     * nothing is killed from here.
     * @return how many were reclaimed
     */
    public int reclaimStale() {
        List<String> ids = repo.activeWithoutHeartbeat(config.heartbeatTimeout(), replica.id());
        for (String id : ids) {
            LOG.warnf(
                    "deployment %s lost its replica (no heartbeat for %s): failed as interrupted",
                    id, config.heartbeatTimeout());
            transitions.finish(id, DeploymentStatus.FAILED, "interrupted", null, null);
        }
        return ids.size();
    }

    @Scheduled(
            every = "${opsuite.deployment.reclaim-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    @RunOnVirtualThread
    void reclaimPeriodically() {
        try {
            reclaimStale();
        } catch (RuntimeException e) {
            LOG.debugf("stale deployment check failed: %s", e.getMessage());
        }
    }

    /** Slots freed by other replicas are noticed here too. */
    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "2s")
    @RunOnVirtualThread
    void promotePeriodically() {
        try {
            queue.promoteQueued();
        } catch (RuntimeException e) {
            LOG.debugf("queue promotion failed: %s", e.getMessage());
        }
    }
}
