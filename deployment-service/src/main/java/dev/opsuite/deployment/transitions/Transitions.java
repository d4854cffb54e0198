package dev.opsuite.deployment.transitions;

import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.domain.DeploymentStatus;
import dev.opsuite.deployment.domain.Estimates;
import dev.opsuite.deployment.events.DeploymentEvents;
import dev.opsuite.deployment.process.AppInstances;
import dev.opsuite.deployment.process.ProcessRecords;
import dev.opsuite.deployment.webhooks.WebhookOutbox;
import dev.opsuite.events.v1.DeploymentFinished;
import dev.opsuite.events.v1.DeploymentProgressed;
import dev.opsuite.events.v1.DeploymentStepFinished;
import dev.opsuite.events.v1.DeploymentStepStarted;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every state change of a running deployment, each in one transaction with its outbox event (and
 * webhook message), so what clients see, what Kafka gets and what webhooks report never disagree.
 */
@ApplicationScoped
public class Transitions {
    private final BlockingSql db;
    private final DeploymentRepository repo;
    private final DeploymentEvents events;
    private final WebhookOutbox webhooks;
    private final AppInstances instances;
    private final ProcessRecords processes;

    public Transitions(
            BlockingSql db,
            DeploymentRepository repo,
            DeploymentEvents events,
            WebhookOutbox webhooks,
            AppInstances instances,
            ProcessRecords processes) {
        this.db = db;
        this.repo = repo;
        this.events = events;
        this.webhooks = webhooks;
        this.instances = instances;
        this.processes = processes;
    }

    public void stepStarted(String id, int index, String name) {
        db.tx(tx -> {
            repo.markStepRunning(tx, id, index, name);
            Deployment d = repo.find(tx, id).orElseThrow();
            events.emit(
                    tx,
                    d,
                    "step_started",
                    "step " + (index + 1) + "/" + d.totalSteps() + ": " + name,
                    b -> b.setStepStarted(DeploymentStepStarted.newBuilder()
                            .setStepIndex(index)
                            .setTotalSteps(d.totalSteps())));
            return null;
        });
    }

    public void stepFinished(
            String id,
            int index,
            String stepStatus,
            Integer exitCode,
            long millis,
            int completedWeight,
            int totalWeight) {
        db.tx(tx -> {
            double progress = totalWeight == 0 ? 100.0 : Math.round(1000.0 * completedWeight / totalWeight) / 10.0;
            repo.markStepEnded(tx, id, index, stepStatus, exitCode, progress);
            Deployment d = repo.find(tx, id).orElseThrow();
            DeploymentStepFinished.Builder f = DeploymentStepFinished.newBuilder()
                    .setStepIndex(index)
                    .setTotalSteps(d.totalSteps())
                    .setStepStatus(stepStatus)
                    .setDurationMillis(millis);
            if (exitCode != null) {
                f.setExitCode(exitCode);
            }
            events.emit(tx, d, "step_finished", d.currentStep() + " " + stepStatus, b -> b.setStepFinished(f));
            if (!"failed".equals(stepStatus)) {
                events.emit(
                        tx,
                        d,
                        "progressed",
                        d.progress() + "%",
                        b -> b.setProgressed(DeploymentProgressed.newBuilder()
                                .setCompletedSteps(d.completedSteps())
                                .setTotalSteps(d.totalSteps())
                                .setEstimatedRemainingSeconds(Estimates.remainingSeconds(d))));
                webhooks.progress(tx, d);
            }
            return null;
        });
    }

    /**
     * Final state. Unfinished steps become cancelled (cancel/timeout) or skipped (failure); a completed
     * deployment's app process becomes the serving instance of its app+environment.
     * @return false when the deployment had already finished (e.g. cancelled while queued)
     */
    public boolean finish(
            String id, DeploymentStatus status, String error, Integer exitCode, ProcessHandle appProcess) {
        return db.tx(tx -> {
            String runningStep = status == DeploymentStatus.FAILED ? "failed" : "cancelled";
            if (!repo.markFinished(tx, id, status, error, exitCode, runningStep)) {
                return false;
            }
            if (status == DeploymentStatus.COMPLETED && appProcess != null && appProcess.isAlive()) {
                Deployment d = repo.find(tx, id).orElseThrow();
                instances.record(tx, d.app(), d.environment(), id, appProcess);
            }
            processes.forgetAll(tx, id);
            Deployment d = repo.find(tx, id).orElseThrow();
            DeploymentFinished.Builder f = DeploymentFinished.newBuilder()
                    .setFinalStatus(status.proto())
                    .setEndedAt(DeploymentEvents.ts(d.endTime()))
                    .setDurationSeconds(d.durationSeconds() == null ? 0 : d.durationSeconds())
                    .setError(error == null ? "" : error);
            if (exitCode != null) {
                f.setExitCode(exitCode);
            }
            events.emit(tx, d, "finished", status.wire() + (error == null ? "" : ": " + error), b -> b.setFinished(f));
            webhooks.finished(tx, d);
            return true;
        });
    }
}
