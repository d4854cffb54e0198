package dev.opsuite.deployment.domain;

import dev.opsuite.deployment.db.Db;
import dev.opsuite.deployment.events.DeploymentEvents;
import dev.opsuite.deployment.process.AppInstances;
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
    private final Db db;
    private final DeploymentRepository repo;
    private final DeploymentEvents events;
    private final WebhookOutbox webhooks;
    private final AppInstances instances;

    public Transitions(
            Db db, DeploymentRepository repo, DeploymentEvents events, WebhookOutbox webhooks, AppInstances instances) {
        this.db = db;
        this.repo = repo;
        this.events = events;
        this.webhooks = webhooks;
        this.instances = instances;
    }

    public void stepStarted(String id, int index, String name) {
        db.tx(tx -> {
            Db.update(
                    tx,
                    "UPDATE deployment_steps SET status = 'running', started_at = now() WHERE deployment_id = $1 AND idx = $2",
                    id,
                    index);
            Db.update(
                    tx,
                    "UPDATE deployments SET status = 'running', current_step = $2, updated_at = now() "
                            + "WHERE id = $1 AND status IN ('accepted', 'running')",
                    id,
                    name);
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
            Db.update(
                    tx,
                    "UPDATE deployment_steps SET status = $3, ended_at = now(), exit_code = $4 WHERE deployment_id = $1 AND idx = $2",
                    id,
                    index,
                    stepStatus,
                    exitCode);
            double progress = totalWeight == 0 ? 100.0 : Math.round(1000.0 * completedWeight / totalWeight) / 10.0;
            Db.update(
                    tx,
                    "UPDATE deployments SET progress = $2, completed_steps = (SELECT count(*) FROM deployment_steps "
                            + "WHERE deployment_id = $1 AND status IN ('completed', 'skipped')), updated_at = now() WHERE id = $1",
                    id,
                    progress);
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
            int changed = Db.update(
                    tx,
                    "UPDATE deployments SET status = $2, error = $3, exit_code = $4, end_time = now(), "
                            + "start_time = coalesce(start_time, now()), updated_at = now(), "
                            + "progress = CASE WHEN $2 = 'completed' THEN 100 ELSE progress END "
                            + "WHERE id = $1 AND status IN ('queued', 'accepted', 'running')",
                    id,
                    status.wire(),
                    error,
                    exitCode);
            if (changed == 0) {
                return false;
            }
            String leftover = status == DeploymentStatus.FAILED ? "skipped" : "cancelled";
            Db.update(
                    tx,
                    "UPDATE deployment_steps SET status = CASE WHEN status = 'running' THEN $2 ELSE 'skipped' END, "
                            + "ended_at = CASE WHEN status = 'running' THEN now() ELSE ended_at END "
                            + "WHERE deployment_id = $1 AND status IN ('pending', 'running')",
                    id,
                    status == DeploymentStatus.FAILED ? "failed" : leftover);
            if (status == DeploymentStatus.COMPLETED && appProcess != null && appProcess.isAlive()) {
                Deployment d = repo.find(tx, id).orElseThrow();
                instances.record(tx, d.app(), d.environment(), id, appProcess);
            }
            Db.update(tx, "DELETE FROM deployment_processes WHERE deployment_id = $1", id);
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
