package dev.opsuite.deployment.modes;

import dev.opsuite.common.crypto.SecretMasker;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.process.AppInstances;
import dev.opsuite.deployment.process.Executables;
import dev.opsuite.deployment.process.ProcessRecords;
import dev.opsuite.deployment.steps.Interrupt;
import dev.opsuite.deployment.steps.RunContext;
import dev.opsuite.deployment.steps.StepOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The start and health-check steps of uv and fallback deployments. The app runs as a supervised
 * process (its PID is recorded) with the venv first on PATH; its output goes to a file (a pipe
 * would block the app once this service stops reading) that is followed (every 25 ms) into the
 * deployment log during the health check.
 */
@ApplicationScoped
public class PythonAppSteps {
    /** How long the start step watches a new app for an immediate exit (unless its health URL answers first). */
    static final long START_WATCH_MILLIS = 300;

    static final long FIRST_PROBE_MILLIS = 25;
    static final long MAX_PROBE_MILLIS = 300;
    private final CommandSteps commands;
    private final AppInstances instances;
    private final OutputRelay output;
    private final ProcessRecords records;
    private final DeploymentConfig config;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public PythonAppSteps(
            CommandSteps commands,
            AppInstances instances,
            ProcessRecords records,
            DeploymentConfig config,
            OutputRelay output) {
        this.commands = commands;
        this.instances = instances;
        this.output = output;
        this.records = records;
        this.config = config;
    }

    public StepOutcome start(RunContext ctx) {
        App app = ctx.app();
        if (app.startCommand() == null || app.startCommand().isEmpty()) {
            return StepOutcome.failed(null, "app " + app.name() + " has no start_command");
        }
        String env = ctx.deployment().environment();
        instances
                .current(app.name(), env)
                .ifPresent(i -> ctx.log()
                        .system("stopping the previous instance (pid " + i.pid() + ", deployment " + i.deploymentId()
                                + ") to free its port"));
        instances.stop(app.name(), env);
        Map<String, String> childEnv = commands.venvEnvironment(ctx);
        List<String> argv = new ArrayList<>(app.startCommand());
        var exe = Executables.find(argv.get(0), childEnv.get("PATH"));
        ctx.log().system("$ " + String.join(" ", argv));
        if (exe.isEmpty()) {
            return StepOutcome.failed(127, argv.get(0) + ": command not found");
        }
        argv.set(0, exe.get().toString());
        Path logFile = logFile(ctx);
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(ctx.workdir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(childEnv);
        Process process;
        try {
            process = output.start(
                    pb, logFile, new SecretMasker(ctx.deploymentEnv().values()));
        } catch (IOException e) {
            return StepOutcome.failed(
                    126, "could not start " + app.startCommand().get(0) + ": " + e.getMessage());
        }
        ctx.appProcess(process.toHandle());
        records.started(ctx.deployment().id(), process.toHandle(), "app");
        // the file's path stays inside the service: it is not the client's business where it lives
        ctx.log().system("started " + app.name() + " as pid " + process.pid());
        if (exitedDuringStartWatch(
                process, ctx.deployment().skipHealthCheck() ? null : ctx.app().healthUrl())) {
            new LogTail(logFile, 0).drain(ctx.log());
            return StepOutcome.failed(
                    process.exitValue(), "the app exited right after start (exit code " + process.exitValue() + ")");
        }
        return StepOutcome.completed(null);
    }

    /**
     * Watches a just-started app for {@link #START_WATCH_MILLIS} to catch an immediate exit, returning
     * as soon as it exits or its health URL already answers 2xx (no fixed wait for a fast app).
     */
    private boolean exitedDuringStartWatch(Process process, String healthUrl) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_WATCH_MILLIS);
        long interval = FIRST_PROBE_MILLIS;
        try {
            while (true) {
                if (healthUrl != null && healthy(probe(healthUrl))) {
                    return false;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return !process.isAlive();
                }
                if (process.waitFor(Math.min(interval, left), TimeUnit.MILLISECONDS)) {
                    return true;
                }
                interval = Math.min(interval * 2, 100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Probe interval: short right after start (a fast app is seen at once), growing with the wait up to 300 ms. */
    static long probeInterval(long elapsedMillis) {
        return Math.max(FIRST_PROBE_MILLIS, Math.min(MAX_PROBE_MILLIS, elapsedMillis / 20));
    }

    private static boolean healthy(int status) {
        return status >= 200 && status < 300;
    }

    public StepOutcome healthCheck(RunContext ctx) {
        if (ctx.deployment().skipHealthCheck()) {
            return StepOutcome.skipped("skip_health_check requested");
        }
        ProcessHandle app = ctx.appProcess();
        if (app == null) {
            return StepOutcome.failed(null, "no app process to check");
        }
        Path logFile = logFile(ctx);
        try (LogTail.Following following = new LogTail(logFile, 0).follow(ctx.log())) {
            StepOutcome outcome = awaitHealthy(ctx, app);
            boolean relayed =
                    OutputRelay.relays(new SecretMasker(ctx.deploymentEnv().values()));
            output.awaitQuiet(logFile, Duration.ofSeconds(1), relayed);
            return outcome;
        }
    }

    private StepOutcome awaitHealthy(RunContext ctx, ProcessHandle app) {
        long began = System.nanoTime();
        String url = ctx.app().healthUrl();
        long deadline = System.nanoTime()
                + (url == null
                                ? config.startupGrace()
                                : Duration.ofSeconds(ctx.app().healthTimeoutSeconds()))
                        .toNanos();
        if (url == null) {
            ctx.log()
                    .system("no health_url: the app must stay up for "
                            + config.startupGrace().toMillis() + " ms");
        } else {
            ctx.log()
                    .system("waiting for " + url + " to answer 2xx (up to "
                            + ctx.app().healthTimeoutSeconds() + " s)");
        }
        String lastProblem = "no answer yet";
        while (true) {
            Interrupt interrupt = ctx.interrupt();
            if (interrupt != Interrupt.NONE) {
                return StepOutcome.interrupted(interrupt);
            }
            if (!app.isAlive()) {
                return StepOutcome.failed(null, "the app process exited during the health check");
            }
            if (url != null) {
                int status = probe(url);
                if (healthy(status)) {
                    ctx.log().system("healthy: " + url + " answered " + status);
                    return StepOutcome.completed(null);
                }
                lastProblem = status < 0 ? "no answer" : "status " + status;
            }
            if (System.nanoTime() - deadline > 0) {
                if (url == null) {
                    ctx.log().system("the app stayed up: considered healthy");
                    return StepOutcome.completed(null);
                }
                return StepOutcome.failed(
                        null,
                        "health check timed out after " + ctx.app().healthTimeoutSeconds() + " s (" + lastProblem
                                + ")");
            }
            sleep(probeInterval(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)));
        }
    }

    private int probe(String url) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    Path logFile(RunContext ctx) {
        return output.logFile(
                ctx.app().name(),
                ctx.deployment().environment(),
                ctx.deployment().id());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
