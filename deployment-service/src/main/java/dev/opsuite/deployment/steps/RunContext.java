package dev.opsuite.deployment.steps;

import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Everything a running deployment's steps share: its log, environment, deadline and cancel flag. */
public final class RunContext {
    private final Deployment deployment;
    private final App app;
    private final LogSink log;
    private final Map<String, String> deploymentEnv;
    private final long deadlineNanos;
    private final BooleanSupplier remoteCancel;
    private volatile boolean cancelRequested;
    private volatile long lastRemoteCheck;
    private volatile ProcessHandle appProcess;

    public RunContext(
            Deployment deployment,
            App app,
            LogSink log,
            Map<String, String> deploymentEnv,
            BooleanSupplier remoteCancel) {
        this(deployment, app, log, deploymentEnv, remoteCancel, Duration.ofSeconds(deployment.timeoutSeconds()));
    }

    private RunContext(
            Deployment deployment,
            App app,
            LogSink log,
            Map<String, String> deploymentEnv,
            BooleanSupplier remoteCancel,
            Duration timeout) {
        this.deployment = deployment;
        this.app = app;
        this.log = log;
        this.deploymentEnv = deploymentEnv;
        this.remoteCancel = remoteCancel;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    public Deployment deployment() {
        return deployment;
    }

    public App app() {
        return app;
    }

    public LogSink log() {
        return log;
    }

    public Path workdir() {
        return app.source();
    }

    /** Variables from the request; they reach processes only through their environment. */
    public Map<String, String> deploymentEnv() {
        return new LinkedHashMap<>(deploymentEnv);
    }

    public void requestCancel() {
        cancelRequested = true;
    }

    /** Cancel (local or requested through the database by another replica) wins over timeout. */
    public Interrupt interrupt() {
        if (cancelRequested) {
            return Interrupt.CANCELLED;
        }
        long now = System.nanoTime();
        if (now - lastRemoteCheck > 1_000_000_000L) {
            lastRemoteCheck = now;
            if (remoteCancel.getAsBoolean()) {
                cancelRequested = true;
                return Interrupt.CANCELLED;
            }
        }
        if (now - deadlineNanos > 0) {
            return Interrupt.TIMED_OUT;
        }
        return Interrupt.NONE;
    }

    /** Same deployment, but nothing interrupts it: for clean-up commands after a cancel or timeout. */
    public RunContext withoutInterrupts() {
        RunContext c = new RunContext(deployment, app, log, deploymentEnv, () -> false, Duration.ofMinutes(2));
        c.appProcess = appProcess;
        return c;
    }

    public ProcessHandle appProcess() {
        return appProcess;
    }

    public void appProcess(ProcessHandle handle) {
        this.appProcess = handle;
    }
}
