package dev.opsuite.deployment.domain;

import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.db.Db;
import dev.opsuite.deployment.process.ProcessRecords;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
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

    private final Db db;
    private final Instance instance;
    private final ProcessRecords processes;
    private final Transitions transitions;
    private final DeploymentService deployments;
    private final DeploymentConfig config;

    public Recovery(
            Db db,
            Instance instance,
            ProcessRecords processes,
            Transitions transitions,
            DeploymentService deployments,
            DeploymentConfig config) {
        this.db = db;
        this.instance = instance;
        this.processes = processes;
        this.transitions = transitions;
        this.deployments = deployments;
        this.config = config;
    }

    void onStart(@Observes StartupEvent ev) {
        try {
            int n = recoverInterrupted();
            if (n > 0) {
                LOG.warnf("marked %d deployments interrupted by the restart as failed", n);
            }
            deployments.promoteQueued();
        } catch (RuntimeException e) {
            LOG.errorf(e, "restart recovery failed");
        }
    }

    /** @return how many deployments were marked interrupted */
    public int recoverInterrupted() {
        List<String> ids = db
                .query(
                        "SELECT id FROM deployments WHERE status IN ('accepted', 'running') AND owner_instance = $1",
                        instance.id())
                .stream()
                .map(r -> r.getString("id"))
                .toList();
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
        List<String> ids = db
                .query(
                        "SELECT id FROM deployments WHERE status IN ('accepted', 'running') "
                                + "AND coalesce(heartbeat_at, start_time, created_at) < now() - $1::bigint * interval '1 millisecond' "
                                + "AND owner_instance IS DISTINCT FROM $2",
                        config.heartbeatTimeout().toMillis(),
                        instance.id())
                .stream()
                .map(r -> r.getString("id"))
                .toList();
        for (String id : ids) {
            LOG.warnf(
                    "deployment %s lost its replica (no heartbeat for %s): failed as interrupted",
                    id, config.heartbeatTimeout());
            transitions.finish(id, DeploymentStatus.FAILED, "interrupted", null, null);
        }
        return ids.size();
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "10s")
    void reclaimPeriodically() {
        try {
            reclaimStale();
        } catch (RuntimeException e) {
            LOG.debugf("stale deployment check failed: %s", e.getMessage());
        }
    }

    /** Slots freed by other replicas are noticed here too. */
    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "2s")
    void promotePeriodically() {
        try {
            deployments.promoteQueued();
        } catch (RuntimeException e) {
            LOG.debugf("queue promotion failed: %s", e.getMessage());
        }
    }
}
