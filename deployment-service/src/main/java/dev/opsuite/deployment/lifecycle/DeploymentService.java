package dev.opsuite.deployment.lifecycle;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentIds;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.domain.DeploymentSecrets;
import dev.opsuite.deployment.domain.DeploymentStatus;
import dev.opsuite.deployment.domain.Replica;
import dev.opsuite.deployment.events.DeploymentEvents;
import dev.opsuite.deployment.modes.ModePlans;
import dev.opsuite.deployment.runner.DeploymentRunner;
import dev.opsuite.events.v1.DeploymentAccepted;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creating and redeploying deployments: admitted (or queued) in one transaction with their steps and
 * the accepted event, then started on this replica. Blocking: callers are on virtual threads.
 */
@ApplicationScoped
public class DeploymentService {
    private final BlockingSql db;
    private final DeploymentRepository repo;
    private final DeploymentRequests requests;
    private final Admission admission;
    private final DeploymentEvents events;
    private final DeploymentSecrets secrets;
    private final ModePlans plans;
    private final DeploymentRunner runner;
    private final Replica replica;

    public DeploymentService(
            BlockingSql db,
            DeploymentRepository repo,
            DeploymentRequests requests,
            Admission admission,
            DeploymentEvents events,
            DeploymentSecrets secrets,
            ModePlans plans,
            DeploymentRunner runner,
            Replica replica) {
        this.db = db;
        this.repo = repo;
        this.requests = requests;
        this.admission = admission;
        this.events = events;
        this.secrets = secrets;
        this.plans = plans;
        this.runner = runner;
        this.replica = replica;
    }

    public Deployment create(DeploymentRequest request, String initiator) {
        return create(requests.validate(request), initiator);
    }

    public Deployment redeploy(String id, String initiator) {
        return create(requests.redeployOf(get(id)), initiator);
    }

    public Deployment get(String id) {
        return repo.find(id).orElseThrow(() -> ApiException.notFound("No deployment " + id));
    }

    private Deployment create(ValidatedRequest p, String initiator) {
        String id = DeploymentIds.next(p.mode());
        Deployment created = db.tx(tx -> {
            Admission.Verdict verdict = admission.admit(tx, p.app().name(), p.environment(), p.queue());
            int estimate = repo.medianDuration(tx, p.app().name(), p.mode())
                    .orElse(p.mode().defaultEstimateSeconds());
            repo.insert(
                    tx,
                    new DeploymentRepository.NewDeployment(
                            id,
                            p.app().name(),
                            p.environment(),
                            p.requestedMode(),
                            p.mode(),
                            verdict == Admission.Verdict.QUEUE ? DeploymentStatus.QUEUED : DeploymentStatus.ACCEPTED,
                            initiator,
                            p.profile(),
                            new ArrayList<>(new TreeMap<>(p.env()).keySet()),
                            secrets.encryptEnvironment(id, p.env()),
                            p.timeout(),
                            p.forceRebuild(),
                            p.skipHealthCheck(),
                            p.callbackUrl(),
                            secrets.encryptWebhookSecret(id, p.webhookSecret()),
                            p.metadata(),
                            estimate,
                            replica.id(),
                            p.redeployOf()));
            repo.insertSteps(tx, id, plans.names(p.mode()), plans.weights(p.mode()));
            Deployment d = repo.find(tx, id).orElseThrow();
            Map<String, String> meta = new LinkedHashMap<>();
            p.metadata().forEach((k, v) -> meta.put(k, String.valueOf(v)));
            events.emit(
                    tx,
                    d,
                    "accepted",
                    verdict == Admission.Verdict.QUEUE ? "queued" : "accepted",
                    b -> b.setAccepted(DeploymentAccepted.newBuilder()
                            .setRequestedMode(p.requestedMode())
                            .setQueued(verdict == Admission.Verdict.QUEUE)
                            .setEstimatedDurationSeconds(estimate)
                            .putAllMetadata(meta)));
            return d;
        });
        if (created.status() == DeploymentStatus.ACCEPTED) {
            runner.launch(id);
        }
        return created;
    }
}
