package dev.opsuite.deployment.runner;

import dev.opsuite.common.crypto.SecretMasker;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.apps.AppLookup;
import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentLogs;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.domain.DeploymentSecrets;
import dev.opsuite.deployment.domain.DeploymentStatus;
import dev.opsuite.deployment.modes.ModePlans;
import dev.opsuite.deployment.process.ProcessTree;
import dev.opsuite.deployment.steps.Interrupt;
import dev.opsuite.deployment.steps.PlannedStep;
import dev.opsuite.deployment.steps.RunContext;
import dev.opsuite.deployment.steps.StepOutcome;
import dev.opsuite.deployment.transitions.Transitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
 * the started app, and a final state that always gets written. When a run ends it fires {@link
 * RunFinished} (the queue promotes the next deployment then).
 */
@ApplicationScoped
public class DeploymentRunner {
    private static final Logger LOG = Logger.getLogger(DeploymentRunner.class);

    private final DeploymentRepository repo;
    private final DeploymentLogs logs;
    private final AppLookup apps;
    private final ModePlans plans;
    private final Transitions transitions;
    private final DeploymentSecrets secrets;
    private final DeploymentConfig config;
    private final LogBroadcast broadcast;
    private final Event<RunFinished> finished;
    private final Map<String, RunContext> running = new ConcurrentHashMap<>();
    private final Set<String> launched = ConcurrentHashMap.newKeySet();

    public DeploymentRunner(
            DeploymentRepository repo,
            DeploymentLogs logs,
            AppLookup apps,
            ModePlans plans,
            Transitions transitions,
            DeploymentSecrets secrets,
            DeploymentConfig config,
            LogBroadcast broadcast,
            Event<RunFinished> finished) {
        this.repo = repo;
        this.logs = logs;
        this.apps = apps;
        this.plans = plans;
        this.transitions = transitions;
        this.secrets = secrets;
        this.config = config;
        this.broadcast = broadcast;
        this.finished = finished;
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
                    finished.fire(new RunFinished(id));
                } catch (RuntimeException e) {
                    LOG.warnf("after-run work of %s failed: %s", id, e.getMessage());
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

    private void execute(String id) {
        Deployment d = repo.find(id).orElseThrow();
        if (!d.status().isActive()) {
            return;
        }
        Optional<App> app = apps.find(d.app());
        Map<String, String> env = secrets.environment(d);
        List<String> values = new ArrayList<>(env.values());
        try (StoredLogSink log =
                new StoredLogSink(logs, id, new SecretMasker(values), broadcast, logs.nextOffset(id))) {
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
                    plans.of(d.mode()).cleanUpInterrupted(ctx);
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
            return repo.heartbeat(id);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
