package dev.opsuite.deployment.modes;

import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.Mode;
import dev.opsuite.deployment.process.Executables;
import dev.opsuite.deployment.steps.PlannedStep;
import dev.opsuite.deployment.steps.RunContext;
import dev.opsuite.deployment.steps.StepOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** uv mode: a pyproject app in a uv-managed venv ({@code uv sync}, locked when uv.lock exists), then started. */
@ApplicationScoped
public class UvPlan implements ModePlan {
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

    public UvPlan(CommandSteps commands, PythonAppSteps python, Executables executables, DeploymentConfig config) {
        this.commands = commands;
        this.python = python;
        this.executables = executables;
        this.config = config;
    }

    @Override
    public Mode mode() {
        return Mode.UV;
    }

    @Override
    public List<Step> steps() {
        return STEPS;
    }

    @Override
    public String unsuitable(App app) {
        if (!app.hasPyproject()) {
            return "app has no pyproject.toml";
        }
        return app.startCommand() == null ? "app has no start_command" : null;
    }

    @Override
    public List<PlannedStep.Action> actions(RunContext ctx) {
        App app = ctx.app();
        Path venv = ctx.workdir().resolve(".venv");
        return List.of(
                c -> commands.run(c, List.of("uv", "--version"), commands.environment(c)),
                c -> {
                    if (Files.isDirectory(venv) && !c.deployment().forceRebuild()) {
                        c.log().system("reusing the existing virtual environment " + venv);
                        return StepOutcome.completed(0);
                    }
                    if (c.deployment().forceRebuild()) {
                        deleteTree(venv);
                    }
                    List<String> argv = new ArrayList<>(List.of("uv", "venv"));
                    if (app.python() != null) {
                        argv.addAll(List.of("--python", app.python()));
                    }
                    argv.add(".venv");
                    return commands.run(c, argv, commands.environment(c));
                },
                c -> {
                    List<String> argv = new ArrayList<>(List.of("uv", "sync"));
                    if (app.hasUvLock()) {
                        argv.add("--locked");
                    }
                    return commands.run(c, argv, commands.venvEnvironment(c));
                },
                python::start,
                python::healthCheck);
    }

    @Override
    public ToolStatus probeTool() {
        Probe.Outcome v =
                Probe.run(executables, executables.baseEnvironment(), config.probeTimeout(), "uv", "--version");
        if (v.failure() != null) {
            return ToolStatus.unavailable(v.failure());
        }
        if (!v.ok()) {
            return ToolStatus.unavailable("uv --version failed (exit " + v.exitCode() + ")");
        }
        String line = v.lastLine();
        return ToolStatus.available(line.startsWith("uv ") ? line.substring(3).strip() : line);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + dir, e);
        }
    }
}
