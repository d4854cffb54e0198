package dev.opsuite.deployment.modes;

import dev.opsuite.deployment.process.CommandRunner;
import dev.opsuite.deployment.process.Executables;
import dev.opsuite.deployment.steps.Interrupt;
import dev.opsuite.deployment.steps.RunContext;
import dev.opsuite.deployment.steps.StepOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A step that is one command in the app's directory, and the environments commands get. */
@ApplicationScoped
public class CommandSteps {
    private final CommandRunner runner;
    private final Executables executables;

    public CommandSteps(CommandRunner runner, Executables executables) {
        this.runner = runner;
        this.executables = executables;
    }

    /** Runs {@code argv} in the app's directory: completed on exit 0, failed otherwise, or interrupted. */
    public StepOutcome run(RunContext ctx, List<String> argv, Map<String, String> env) {
        CommandRunner.Result r = runner.run(ctx, argv, ctx.workdir(), env);
        if (r.interrupt() != Interrupt.NONE) {
            return StepOutcome.interrupted(r.interrupt());
        }
        if (r.exitCode() != 0) {
            return StepOutcome.failed(
                    r.exitCode(),
                    r.error() != null
                            ? r.error()
                            : argv.get(0) + " " + (argv.size() > 1 ? argv.get(1) + " " : "") + "exited with code "
                                    + r.exitCode());
        }
        return StepOutcome.completed(0);
    }

    /** Runs a clean-up command that nothing interrupts (after a cancel or timeout). */
    public void runUninterrupted(RunContext ctx, List<String> argv) {
        runner.run(ctx.withoutInterrupts(), argv, ctx.workdir(), environment(ctx));
    }

    /** The base environment plus the deployment's variables, PATH from the configured tool path. */
    public Map<String, String> environment(RunContext ctx) {
        Map<String, String> env = executables.baseEnvironment();
        env.putAll(ctx.deploymentEnv());
        env.put("PATH", executables.searchPath());
        return env;
    }

    /** Environment for commands inside the venv: its bin first on PATH, VIRTUAL_ENV set. */
    public Map<String, String> venvEnvironment(RunContext ctx) {
        Map<String, String> env = environment(ctx);
        Path venv = ctx.workdir().resolve(".venv");
        env.put("VIRTUAL_ENV", venv.toString());
        env.put("PATH", venv.resolve("bin") + File.pathSeparator + executables.searchPath());
        env.put("PYTHONUNBUFFERED", "1");
        return env;
    }
}
