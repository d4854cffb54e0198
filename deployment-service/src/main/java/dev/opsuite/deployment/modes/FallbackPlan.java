package dev.opsuite.deployment.modes;

import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.Mode;
import dev.opsuite.deployment.process.Executables;
import dev.opsuite.deployment.steps.PlannedStep;
import dev.opsuite.deployment.steps.RunContext;
import dev.opsuite.deployment.steps.StepOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * fallback mode: plain python — a venv from the app's interpreter, {@code pip install -r
 * requirements.txt} when there is one, then started. Works wherever python3 has venv and ensurepip.
 */
@ApplicationScoped
public class FallbackPlan implements ModePlan {
    private static final List<Step> STEPS = List.of(
            new Step(ModePlans.CHECK, 5),
            new Step("create venv", 15),
            new Step("install dependencies", 40),
            new Step("start", 10),
            new Step("health check", 30));

    private final CommandSteps commands;
    private final PythonAppSteps python;
    private final Executables executables;
    private final DeploymentConfig config;

    public FallbackPlan(
            CommandSteps commands, PythonAppSteps python, Executables executables, DeploymentConfig config) {
        this.commands = commands;
        this.python = python;
        this.executables = executables;
        this.config = config;
    }

    @Override
    public Mode mode() {
        return Mode.FALLBACK;
    }

    @Override
    public List<Step> steps() {
        return STEPS;
    }

    @Override
    public String unsuitable(App app) {
        return app.startCommand() == null ? "app has no start_command" : null;
    }

    @Override
    public List<PlannedStep.Action> actions(RunContext ctx) {
        App app = ctx.app();
        Path venv = ctx.workdir().resolve(".venv");
        return List.of(
                c -> commands.run(c, List.of(app.pythonOrDefault(), "--version"), commands.environment(c)),
                c -> {
                    if (Files.isExecutable(venv.resolve("bin/python"))
                            && !c.deployment().forceRebuild()) {
                        c.log().system("reusing the existing virtual environment " + venv);
                        return StepOutcome.completed(0);
                    }
                    List<String> argv = new ArrayList<>(List.of(app.pythonOrDefault(), "-m", "venv"));
                    if (c.deployment().forceRebuild()) {
                        argv.add("--clear");
                    }
                    argv.add(".venv");
                    return commands.run(c, argv, commands.environment(c));
                },
                c -> {
                    if (!app.hasRequirements()) {
                        return StepOutcome.skipped("no requirements.txt");
                    }
                    return commands.run(
                            c,
                            List.of(
                                    venv.resolve("bin/pip").toString(),
                                    "install",
                                    "--disable-pip-version-check",
                                    "-r",
                                    "requirements.txt"),
                            commands.venvEnvironment(c));
                },
                python::start,
                python::healthCheck);
    }

    /** venv alone is not enough on Debian-like systems: without ensurepip, venvs come without pip. */
    @Override
    public ToolStatus probeTool() {
        return python("python3");
    }

    ToolStatus python(String python) {
        var env = executables.baseEnvironment();
        Probe.Outcome check = Probe.run(
                executables,
                env,
                config.probeTimeout(),
                python,
                "-c",
                "import sys, venv, ensurepip; print('%d.%d.%d' % sys.version_info[:3])");
        if (check.failure() != null) {
            return ToolStatus.unavailable(check.failure());
        }
        if (!check.ok()) {
            return ToolStatus.unavailable(
                    python + " cannot create virtual environments (venv/ensurepip missing): " + check.lastLine());
        }
        return ToolStatus.available(check.lastLine());
    }
}
