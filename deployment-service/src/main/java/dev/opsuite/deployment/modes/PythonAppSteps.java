package dev.opsuite.deployment.modes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.apps.App;
import dev.opsuite.deployment.process.AppInstances;
import dev.opsuite.deployment.process.Executables;
import dev.opsuite.deployment.process.ProcessRecords;
import dev.opsuite.deployment.runner.Interrupt;
import dev.opsuite.deployment.runner.RunContext;
import dev.opsuite.deployment.runner.StepOutcome;

/**
 * The start and health-check steps of uv and fallback deployments. The app runs as a supervised
 * process (its PID is recorded) with the venv first on PATH; its output goes to a file (a pipe
 * would block the app once this service stops reading) that is copied into the deployment log
 * until the deployment ends.
 */
@ApplicationScoped
public class PythonAppSteps {
    private final Executables executables;
    private final AppInstances instances;
    private final ProcessRecords records;
    private final DeploymentConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public PythonAppSteps(Executables executables, AppInstances instances, ProcessRecords records, DeploymentConfig config) {
        this.executables = executables;
        this.instances = instances;
        this.records = records;
        this.config = config;
    }

    /** Environment for commands inside the venv: its bin first on PATH, VIRTUAL_ENV set. */
    public Map<String, String> venvEnvironment(RunContext ctx) {
        Map<String, String> env = commandEnvironment(ctx);
        Path venv = ctx.workdir().resolve(".venv");
        env.put("VIRTUAL_ENV", venv.toString());
        env.put("PATH", venv.resolve("bin") + java.io.File.pathSeparator + executables.searchPath());
        env.put("PYTHONUNBUFFERED", "1");
        return env;
    }

    public Map<String, String> commandEnvironment(RunContext ctx) {
        Map<String, String> env = executables.baseEnvironment();
        env.putAll(ctx.deploymentEnv());
        env.put("PATH", executables.searchPath());
        return env;
    }

    public StepOutcome start(RunContext ctx) {
        App app = ctx.app();
        if (app.startCommand() == null || app.startCommand().isEmpty()) {
            return StepOutcome.failed(null, "app " + app.name() + " has no start_command");
        }
        String env = ctx.deployment().environment();
        instances.current(app.name(), env).ifPresent(i -> ctx.log().system("stopping the previous instance (pid " + i.pid()
                + ", deployment " + i.deploymentId() + ") to free its port"));
        instances.stop(app.name(), env);
        Map<String, String> childEnv = venvEnvironment(ctx);
        List<String> argv = new ArrayList<>(app.startCommand());
        var exe = Executables.find(argv.get(0), childEnv.get("PATH"));
        ctx.log().system("$ " + String.join(" ", argv));
        if (exe.isEmpty()) {
            return StepOutcome.failed(127, argv.get(0) + ": command not found");
        }
        argv.set(0, exe.get().toString());
        Path logFile = logFile(ctx);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(ctx.workdir().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(childEnv);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return StepOutcome.failed(126, "could not start " + app.startCommand().get(0));
        }
        ctx.appProcess(process.toHandle());
        records.started(ctx.deployment().id(), process.toHandle(), "app");
        ctx.log().system("started " + app.name() + " as pid " + process.pid() + " (output: " + logFile + ")");
        sleep(300);
        if (!process.isAlive()) {
            new LogTail(logFile, 0).drain(ctx.log());
            return StepOutcome.failed(process.exitValue(), "the app exited right after start (exit code " + process.exitValue() + ")");
        }
        return StepOutcome.completed(null);
    }

    public StepOutcome healthCheck(RunContext ctx) {
        if (ctx.deployment().skipHealthCheck()) {
            return StepOutcome.skipped("skip_health_check requested");
        }
        ProcessHandle app = ctx.appProcess();
        if (app == null) {
            return StepOutcome.failed(null, "no app process to check");
        }
        LogTail tail = new LogTail(logFile(ctx), 0);
        String url = ctx.app().healthUrl();
        long deadline = System.nanoTime() + (url == null ? config.startupGrace()
                : Duration.ofSeconds(ctx.app().healthTimeoutSeconds())).toNanos();
        if (url == null) {
            ctx.log().system("no health_url: the app must stay up for " + config.startupGrace().toMillis() + " ms");
        } else {
            ctx.log().system("waiting for " + url + " to answer 2xx (up to " + ctx.app().healthTimeoutSeconds() + " s)");
        }
        String lastProblem = "no answer yet";
        while (true) {
            tail.drain(ctx.log());
            Interrupt interrupt = ctx.interrupt();
            if (interrupt != Interrupt.NONE) {
                return StepOutcome.interrupted(interrupt);
            }
            if (!app.isAlive()) {
                return StepOutcome.failed(null, "the app process exited during the health check");
            }
            if (url != null) {
                int status = probe(url);
                if (status >= 200 && status < 300) {
                    ctx.log().system("healthy: " + url + " answered " + status);
                    tail.drain(ctx.log());
                    return StepOutcome.completed(null);
                }
                lastProblem = status < 0 ? "no answer" : "status " + status;
            }
            if (System.nanoTime() - deadline > 0) {
                if (url == null) {
                    ctx.log().system("the app stayed up: considered healthy");
                    return StepOutcome.completed(null);
                }
                return StepOutcome.failed(null, "health check timed out after " + ctx.app().healthTimeoutSeconds()
                        + " s (" + lastProblem + ")");
            }
            sleep(300);
        }
    }

    private int probe(String url) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    Path logFile(RunContext ctx) {
        Path dir = Path.of(config.stateDir(), "instances", ctx.app().name(), ctx.deployment().environment());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        return dir.resolve(ctx.deployment().id() + ".log");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
