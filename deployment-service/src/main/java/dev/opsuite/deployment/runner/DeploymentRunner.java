package dev.opsuite.deployment.runner;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.crypto.SecretMasker;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.apps.App;
import dev.opsuite.deployment.apps.AppRepository;
import dev.opsuite.deployment.db.Db;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.domain.DeploymentStatus;
import dev.opsuite.deployment.domain.Transitions;
import dev.opsuite.deployment.modes.ModePlans;
import dev.opsuite.deployment.process.ProcessTree;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Executes accepted deployments, one virtual thread each: the mode's steps in order, every
 * transition persisted with its event, cancel/timeout stopping the current step's process tree and
 * the started app, and a final state that always gets written.
 */
@ApplicationScoped
public class DeploymentRunner {
    private static final Logger LOG = Logger.getLogger(DeploymentRunner.class);

    private final Db db;
    private final DeploymentRepository repo;
    private final AppRepository apps;
    private final ModePlans plans;
    private final Transitions transitions;
    private final SecretBox box;
    private final ObjectMapper mapper;
    private final DeploymentConfig config;
    private final LogBroadcast broadcast;
    private final Map<String, RunContext> running = new ConcurrentHashMap<>();
    private final Set<String> launched = ConcurrentHashMap.newKeySet();
    private volatile Runnable afterFinish = () -> {};

    public DeploymentRunner(
            Db db,
            DeploymentRepository repo,
            AppRepository apps,
            ModePlans plans,
            Transitions transitions,
            SecretBox box,
            ObjectMapper mapper,
            DeploymentConfig config,
            LogBroadcast broadcast) {
        this.broadcast = broadcast;
        this.db = db;
        this.repo = repo;
        this.apps = apps;
        this.plans = plans;
        this.transitions = transitions;
        this.box = box;
        this.mapper = mapper;
        this.config = config;
    }

    /** Called after every finished deployment (the queue promotes the next one). */
    public void afterFinish(Runnable hook) {
        this.afterFinish = hook;
    }

    public void launch(String id) {
        launched.add(id);
        Thread.ofVirtual().name("deployment-" + id).start(() -> {
            try {
                execute(id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "deployment %s crashed", id);
                try {
                    transitions.finish(id, DeploymentStatus.FAILED, "internal error", null, null);
                } catch (RuntimeException again) {
                    LOG.errorf(again, "could not mark %s failed", id);
                }
            } finally {
                running.remove(id);
                launched.remove(id);
                try {
                    afterFinish.run();
                } catch (RuntimeException e) {
                    LOG.warnf("queue promotion after %s failed: %s", id, e.getMessage());
                }
            }
        });
    }

    /** Local cancel: the running step notices within ~100 ms. @return false if not running here */
    public boolean cancelLocally(String id) {
        RunContext ctx = running.get(id);
        if (ctx != null) {
            ctx.requestCancel();
        }
        // launched but not yet running: it reads cancel_requested from the database before its first step
        return ctx != null || launched.contains(id);
    }

    public int runningHere() {
        return running.size();
    }

    /** Decrypted deployment environment (names → values). */
    public Map<String, String> environment(Deployment d) {
        if (d.envSecret() == null) {
            return Map.of();
        }
        byte[] json = box.decrypt(d.envSecret(), "deployment-env:" + d.id());
        try {
            return mapper.readValue(
                    new String(json, StandardCharsets.UTF_8), new TypeReference<Map<String, String>>() {});
        } catch (Exception e) {
            throw new IllegalStateException("unreadable environment of " + d.id(), e);
        }
    }

    private void execute(String id) {
        Deployment d = repo.find(id).orElseThrow();
        if (!d.status().isActive()) {
            return;
        }
        Optional<App> app = apps.find(d.app());
        Map<String, String> env = environment(d);
        List<String> secrets = new ArrayList<>(env.values());
        long firstOffset = db.query(
                        "SELECT coalesce(max(line_no) + 1, 0) AS next FROM deployment_logs WHERE deployment_id = $1",
                        id)
                .get(0)
                .getLong("next");
        try (LogSink log = new LogSink(db, id, new SecretMasker(secrets), broadcast, firstOffset)) {
            if (app.isEmpty()) {
                log.system("app " + d.app() + " is no longer registered");
                log.flush();
                transitions.finish(
                        id, DeploymentStatus.FAILED, "app " + d.app() + " is no longer registered", null, null);
                return;
            }
            RunContext ctx = new RunContext(d, app.get(), log, env, () -> cancelRequestedInDb(id));
            running.put(id, ctx);
            log.system("deployment " + id + ": app " + d.app() + ", environment " + d.environment() + ", mode "
                    + d.mode().wire() + (d.requestedMode().equals(d.mode().wire()) ? "" : " (chosen by auto)")
                    + ", timeout " + d.timeoutSeconds() + " s");
            Outcome outcome = runSteps(ctx);
            if (outcome.status != DeploymentStatus.COMPLETED) {
                stopApp(ctx);
                if (outcome.status == DeploymentStatus.CANCELLED || outcome.status == DeploymentStatus.TIMED_OUT) {
                    plans.cleanUpInterrupted(d.mode(), ctx);
                }
            }
            log.system("deployment " + outcome.status.wire() + (outcome.error == null ? "" : ": " + outcome.error));
            log.flush();
            transitions.finish(
                    id,
                    outcome.status,
                    outcome.error == null ? null : log.mask(outcome.error),
                    outcome.exitCode,
                    ctx.appProcess());
        }
    }

    private record Outcome(DeploymentStatus status, String error, Integer exitCode) {}

    private Outcome runSteps(RunContext ctx) {
        String id = ctx.deployment().id();
        List<PlannedStep> steps = plans.plan(ctx.deployment().mode(), ctx);
        int total = steps.stream().mapToInt(PlannedStep::weight).sum();
        int done = 0;
        for (int i = 0; i < steps.size(); i++) {
            PlannedStep step = steps.get(i);
            Interrupt before = ctx.interrupt();
            if (before != Interrupt.NONE) {
                return interrupted(before, ctx);
            }
            transitions.stepStarted(id, i, step.name());
            ctx.log().system("==> step " + (i + 1) + "/" + steps.size() + ": " + step.name());
            long started = System.nanoTime();
            StepOutcome result;
            try {
                result = step.action().run(ctx);
            } catch (RuntimeException e) {
                LOG.errorf(e, "step %s of %s failed unexpectedly", step.name(), id);
                result = StepOutcome.failed(
                        null, step.name() + " failed: " + e.getClass().getSimpleName());
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (result.isInterrupted()) {
                ctx.log().flush();
                return interrupted(result.interrupt(), ctx);
            }
            if (result.isFailure()) {
                ctx.log().system("step " + step.name() + " failed: " + result.error());
                ctx.log().flush();
                transitions.stepFinished(id, i, "failed", result.exitCode(), millis, done, total);
                return new Outcome(DeploymentStatus.FAILED, result.error(), result.exitCode());
            }
            if ("skipped".equals(result.status())) {
                ctx.log().system("step " + step.name() + " skipped: " + result.error());
            }
            done += step.weight();
            ctx.log().flush();
            transitions.stepFinished(id, i, result.status(), result.exitCode(), millis, done, total);
        }
        return new Outcome(DeploymentStatus.COMPLETED, null, 0);
    }

    private static Outcome interrupted(Interrupt interrupt, RunContext ctx) {
        if (interrupt == Interrupt.CANCELLED) {
            return new Outcome(DeploymentStatus.CANCELLED, "cancelled", null);
        }
        return new Outcome(
                DeploymentStatus.TIMED_OUT,
                "timed out after " + ctx.deployment().timeoutSeconds() + " s",
                null);
    }

    private void stopApp(RunContext ctx) {
        ProcessHandle app = ctx.appProcess();
        if (app != null && app.isAlive()) {
            ctx.log().system("stopping the started app (pid " + app.pid() + ") and its children");
            ProcessTree.terminate(app, config.killGrace());
        }
    }

    /** Also the heartbeat: it tells other replicas this one is still running the deployment. */
    private boolean cancelRequestedInDb(String id) {
        try {
            return db
                    .query("UPDATE deployments SET heartbeat_at = now() WHERE id = $1 RETURNING cancel_requested", id)
                    .stream()
                    .anyMatch(r -> Boolean.TRUE.equals(r.getBoolean("cancel_requested")));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
