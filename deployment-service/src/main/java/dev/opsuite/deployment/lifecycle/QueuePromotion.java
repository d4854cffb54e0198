package dev.opsuite.deployment.lifecycle;

import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.domain.Replica;
import dev.opsuite.deployment.events.DeploymentEvents;
import dev.opsuite.deployment.runner.DeploymentRunner;
import dev.opsuite.deployment.runner.RunFinished;
import dev.opsuite.events.v1.DeploymentAccepted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts queued deployments that fit into free slots: after every run that ends here, and
 * periodically (see {@link Recovery}) for slots other replicas freed.
 */
@ApplicationScoped
public class QueuePromotion {
    private static final Logger LOG = Logger.getLogger(QueuePromotion.class);

    private final BlockingSql db;
    private final Admission admission;
    private final DeploymentRepository repo;
    private final DeploymentEvents events;
    private final DeploymentRunner runner;
    private final Replica replica;

    public QueuePromotion(
            BlockingSql db,
            Admission admission,
            DeploymentRepository repo,
            DeploymentEvents events,
            DeploymentRunner runner,
            Replica replica) {
        this.db = db;
        this.admission = admission;
        this.repo = repo;
        this.events = events;
        this.runner = runner;
        this.replica = replica;
    }

    void afterRun(@Observes RunFinished finished) {
        try {
            promoteQueued();
        } catch (RuntimeException e) {
            LOG.warnf("queue promotion after %s failed: %s", finished.deploymentId(), e.getMessage());
        }
    }

    public void promoteQueued() {
        List<String> promoted = db.tx(tx -> {
            List<String> ids = admission.promote(tx, replica.id());
            for (String id : ids) {
                Deployment d = repo.find(tx, id).orElseThrow();
                events.emit(
                        tx,
                        d,
                        "accepted",
                        "left the queue",
                        b -> b.setAccepted(DeploymentAccepted.newBuilder()
                                .setRequestedMode(d.requestedMode())
                                .setQueued(false)
                                .setEstimatedDurationSeconds(d.estimatedDuration())));
            }
            return ids;
        });
        promoted.forEach(runner::launch);
    }
}
