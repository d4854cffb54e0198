package dev.opsuite.deployment.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.net.OutboundUrlGuard;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.api.CreateDeploymentRequest;
import dev.opsuite.deployment.apps.App;
import dev.opsuite.deployment.apps.AppRepository;
import dev.opsuite.deployment.db.Db;
import dev.opsuite.deployment.events.DeploymentEvents;
import dev.opsuite.deployment.modes.Mode;
import dev.opsuite.deployment.modes.ModeAvailability;
import dev.opsuite.deployment.modes.ModePlans;
import dev.opsuite.deployment.modes.ToolStatus;
import dev.opsuite.deployment.process.ProcessRecords;
import dev.opsuite.deployment.runner.DeploymentRunner;
import dev.opsuite.deployment.webhooks.WebhookSecrets;
import dev.opsuite.events.v1.DeploymentAccepted;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Creating, cancelling and redeploying deployments. */
@ApplicationScoped
public class DeploymentService {
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final Db db;
    private final DeploymentRepository repo;
    private final AppRepository apps;
    private final ModeAvailability availability;
    private final Admission admission;
    private final DeploymentEvents events;
    private final Transitions transitions;
    private final DeploymentRunner runner;
    private final SecretBox box;
    private final OutboundUrlGuard guard;
    private final ObjectMapper mapper;
    private final DeploymentConfig config;
    private final Instance instance;
    private final ProcessRecords processes;

    public DeploymentService(
            Db db,
            DeploymentRepository repo,
            AppRepository apps,
            ModeAvailability availability,
            Admission admission,
            DeploymentEvents events,
            Transitions transitions,
            DeploymentRunner runner,
            SecretBox box,
            OutboundUrlGuard guard,
            ObjectMapper mapper,
            DeploymentConfig config,
            Instance instance,
            ProcessRecords processes) {
        this.processes = processes;
        this.db = db;
        this.repo = repo;
        this.apps = apps;
        this.availability = availability;
        this.admission = admission;
        this.events = events;
        this.transitions = transitions;
        this.runner = runner;
        this.box = box;
        this.guard = guard;
        this.mapper = mapper;
        this.config = config;
        this.instance = instance;
        runner.afterFinish(this::promoteQueued);
    }

    /** A validated request, secrets still in clear (they are encrypted before they reach the database). */
    record Plan(
            App app,
            String requestedMode,
            Mode mode,
            String environment,
            Map<String, String> env,
            String profile,
            int timeout,
            boolean forceRebuild,
            boolean skipHealthCheck,
            String callbackUrl,
            String webhookSecret,
            Map<String, Object> metadata,
            boolean queue,
            String redeployOf) {}

    public Deployment create(CreateDeploymentRequest req, String initiator) {
        if (req == null) {
            throw ApiException.badRequest("request body is required");
        }
        return create(plan(req), initiator);
    }

    public Deployment redeploy(String id, String initiator) {
        Deployment old = get(id);
        App app = apps.find(old.app())
                .orElseThrow(() ->
                        ApiException.unprocessable("unknown_app", "app " + old.app() + " is no longer registered"));
        String unsuitable = ModePlans.unsuitable(old.mode(), app);
        ToolStatus tool = availability.status(old.mode());
        if (unsuitable != null || !tool.isAvailable()) {
            throw ApiException.unprocessable(
                    "mode_unavailable",
                    "mode " + old.mode().wire() + " is unavailable: "
                            + (unsuitable != null ? unsuitable : tool.reason()));
        }
        String hookSecret = old.webhookSecret() == null
                ? null
                : new String(
                        box.decrypt(old.webhookSecret(), "deployment-webhook:" + old.id()), StandardCharsets.UTF_8);
        Map<String, Object> metadata = new LinkedHashMap<>(old.metadata());
        metadata.put("redeploy_of", old.id());
        return create(
                new Plan(
                        app,
                        old.mode().wire(),
                        old.mode(),
                        old.environment(),
                        runner.environment(old),
                        old.profile(),
                        old.timeoutSeconds(),
                        old.forceRebuild(),
                        old.skipHealthCheck(),
                        old.callbackUrl(),
                        hookSecret,
                        metadata,
                        false,
                        old.id()),
                initiator);
    }

    private Deployment create(Plan p, String initiator) {
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
                            encryptEnv(id, p.env()),
                            p.timeout(),
                            p.forceRebuild(),
                            p.skipHealthCheck(),
                            p.callbackUrl(),
                            p.webhookSecret() == null
                                    ? null
                                    : box.encrypt(
                                            p.webhookSecret().getBytes(StandardCharsets.UTF_8),
                                            "deployment-webhook:" + id),
                            p.metadata(),
                            estimate,
                            instance.id(),
                            p.redeployOf()));
            repo.insertSteps(tx, id, ModePlans.names(p.mode()), ModePlans.weights(p.mode()));
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

    public Deployment get(String id) {
        return repo.find(id).orElseThrow(() -> ApiException.notFound("No deployment " + id));
    }

    /**
     * Cancels a queued deployment at once; asks a running one to stop (its runner kills the process
     * tree) and waits for the final state.
     */
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
                Db.update(tx, "UPDATE deployments SET cancel_requested = true, updated_at = now() WHERE id = $1", id);
            }
            return current;
        });
        if (d.status() == DeploymentStatus.QUEUED) {
            transitions.finish(id, DeploymentStatus.CANCELLED, "cancelled", null, null);
            return get(id);
        }
        boolean local = runner.cancelLocally(id);
        if (!local && instance.id().equals(d.ownerInstance())) {
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

    /** Starts queued deployments that fit into free slots (after a finish, and periodically for other replicas' slots). */
    public void promoteQueued() {
        List<String> promoted = db.tx(tx -> {
            List<String> ids = admission.promote(tx, instance.id());
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

    private Plan plan(CreateDeploymentRequest req) {
        Map<String, String> errors = new LinkedHashMap<>();
        String appName = req.app() != null ? req.app() : config.defaultApp().orElse(null);
        if (appName == null) {
            throw ApiException.validation(
                    "app is required (no default app is configured)", Map.of("app", "is required"));
        }
        String requestedMode = req.mode() == null ? "auto" : req.mode();
        if (!requestedMode.equals("auto") && Mode.parse(requestedMode).isEmpty()) {
            errors.put("mode", "must be one of docker, uv, fallback, auto");
        }
        String environment = req.environment() == null ? config.defaultEnvironment() : req.environment();
        if (!ENVIRONMENT.matcher(environment).matches()) {
            errors.put("environment", "must be 1-63 letters, digits, '.', '_' or '-'");
        }
        int timeout = req.timeout() == null ? config.defaultTimeoutSeconds() : req.timeout();
        if (timeout < 1 || timeout > 86_400) {
            errors.put("timeout", "must be between 1 and 86400 seconds");
        }
        Map<String, String> env = req.config() == null || req.config().environmentVariables() == null
                ? Map.of()
                : req.config().environmentVariables();
        if (env.size() > 200) {
            errors.put("config.environment_variables", "at most 200 variables");
        }
        for (var e : env.entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                errors.put("config.environment_variables." + e.getKey(), "is not a valid variable name");
            } else if (e.getValue() == null
                    || e.getValue().indexOf('\0') >= 0
                    || e.getValue().length() > 32_768) {
                errors.put(
                        "config.environment_variables." + e.getKey(), "must be a string without NUL, at most 32 KiB");
            }
        }
        Map<String, Object> metadata =
                req.metadata() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(req.metadata());
        if (json(metadata).length() > 16_384) {
            errors.put("metadata", "at most 16 KiB of JSON");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("Invalid deployment request", errors);
        }
        if (req.callbackUrl() != null) {
            guard.check(req.callbackUrl());
        }
        String hookSecret = WebhookSecrets.validate(req.webhookSecret());
        App app = apps.find(appName)
                .orElseThrow(
                        () -> ApiException.unprocessable("unknown_app", "No app named " + appName + " is registered")
                                .withDetail("app", appName));
        Mode mode = resolve(requestedMode, app);
        return new Plan(
                app,
                requestedMode,
                mode,
                environment,
                env,
                req.config() == null ? null : req.config().profile(),
                timeout,
                Boolean.TRUE.equals(req.forceRebuild()),
                Boolean.TRUE.equals(req.skipHealthCheck()),
                req.callbackUrl(),
                hookSecret,
                metadata,
                Boolean.TRUE.equals(req.queue()),
                null);
    }

    /** An explicit mode must be usable; auto takes the first usable of docker, uv, fallback. */
    private Mode resolve(String requested, App app) {
        Map<String, String> reasons = new LinkedHashMap<>();
        List<Mode> candidates = requested.equals("auto")
                ? List.of(Mode.DOCKER, Mode.UV, Mode.FALLBACK)
                : List.of(Mode.parse(requested).orElseThrow());
        for (Mode m : candidates) {
            ToolStatus tool = availability.status(m);
            String unsuitable = ModePlans.unsuitable(m, app);
            if (!tool.isAvailable()) {
                reasons.put(m.wire(), tool.reason());
            } else if (unsuitable != null) {
                reasons.put(m.wire(), unsuitable);
            } else {
                return m;
            }
        }
        ApiException e = ApiException.unprocessable(
                "mode_unavailable",
                requested.equals("auto")
                        ? "No deployment mode is available for app " + app.name()
                        : "Mode " + requested + " is unavailable for app " + app.name() + ": "
                                + reasons.get(requested));
        reasons.forEach(e::withDetail);
        throw e;
    }

    private String encryptEnv(String id, Map<String, String> env) {
        if (env.isEmpty()) {
            return null;
        }
        return box.encrypt(json(env).getBytes(StandardCharsets.UTF_8), "deployment-env:" + id);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
