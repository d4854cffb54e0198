package dev.opsuite.deployment.lifecycle;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.domain.DeploymentStatus;
import dev.opsuite.deployment.domain.Replica;
import dev.opsuite.deployment.process.ProcessRecords;
import dev.opsuite.deployment.runner.DeploymentRunner;
import dev.opsuite.deployment.transitions.Transitions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cancels a queued deployment at once; asks a running one to stop (its runner kills the process tree,
 * on this replica or — through {@code cancel_requested} — on the one running it) and waits for the
 * final state.
 */
@ApplicationScoped
public class Cancellation {
    private final BlockingSql db;
    private final DeploymentRepository repo;
    private final Transitions transitions;
    private final DeploymentRunner runner;
    private final ProcessRecords processes;
    private final Replica replica;
    private final DeploymentConfig config;

    public Cancellation(
            BlockingSql db,
            DeploymentRepository repo,
            Transitions transitions,
            DeploymentRunner runner,
            ProcessRecords processes,
            Replica replica,
            DeploymentConfig config) {
        this.db = db;
        this.repo = repo;
        this.transitions = transitions;
        this.runner = runner;
        this.processes = processes;
        this.replica = replica;
        this.config = config;
    }

    /** @return the deployment after the cancel (still unfinished when another replica has not stopped it yet) */
    public Deployment cancel(String id) {
        Deployment d = db.tx(tx -> {
            Deployment current =
                    repo.findForUpdate(tx, id).orElseThrow(() -> ApiException.notFound("No deployment " + id));
            if (current.status().isFinished()) {
                throw ApiException.conflict(
                                "deployment_finished",
                                "Deployment " + id + " already finished as "
                                        + current.status().wire())
                        .withDetail("status", current.status().wire());
            }
            if (current.status().isActive()) {
                repo.requestCancel(tx, id);
            }
            return current;
        });
        if (d.status() == DeploymentStatus.QUEUED) {
            transitions.finish(id, DeploymentStatus.CANCELLED, "cancelled", null, null);
            return get(id);
        }
        boolean local = runner.cancelLocally(id);
        if (!local && replica.id().equals(d.ownerInstance())) {
            // this replica owns it but no runner is alive for it: stop what it left and close it here
            processes.killAll(id, config.killGrace());
            transitions.finish(id, DeploymentStatus.CANCELLED, "cancelled", null, null);
            return get(id);
        }
        // another replica notices cancel_requested within about a second and stops its processes
        long deadline = System.nanoTime()
                + config.killGrace().plusSeconds(local ? 30 : 5).toNanos();
        while (System.nanoTime() < deadline) {
            Deployment now = get(id);
            if (now.status().isFinished()) {
                return now;
            }
            sleep(100);
        }
        return get(id);
    }

    private Deployment get(String id) {
        return repo.find(id).orElseThrow(() -> ApiException.notFound("No deployment " + id));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
