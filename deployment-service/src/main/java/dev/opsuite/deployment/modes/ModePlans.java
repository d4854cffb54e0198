package dev.opsuite.deployment.modes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.apps.App;
import dev.opsuite.deployment.process.CommandRunner;
import dev.opsuite.deployment.process.Executables;
import dev.opsuite.deployment.runner.Interrupt;
import dev.opsuite.deployment.runner.PlannedStep;
import dev.opsuite.deployment.runner.RunContext;
import dev.opsuite.deployment.runner.StepOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The step tables of each mode (see the contract) turned into runnable steps. */
@ApplicationScoped
public class ModePlans {
    public static final String CHECK = "check environment";

    private final CommandRunner runner;
    private final PythonAppSteps python;
    private final Executables executables;
    private final DeploymentConfig config;
    private final ObjectMapper mapper;

    public ModePlans(
            CommandRunner runner,
            PythonAppSteps python,
            Executables executables,
            DeploymentConfig config,
            ObjectMapper mapper) {
        this.runner = runner;
        this.python = python;
        this.executables = executables;
        this.config = config;
        this.mapper = mapper;
    }

    /** Step names and weights, known at creation so progress shows every step from the start. */
    public static List<String> names(Mode mode) {
        return switch (mode) {
            case DOCKER -> List.of(CHECK, "validate compose", "pull", "build", "up", "wait healthy");
            case UV, FALLBACK -> List.of(CHECK, "create venv", "install dependencies", "start", "health check");
        };
    }

    public static List<Integer> weights(Mode mode) {
        return switch (mode) {
            case DOCKER -> List.of(5, 5, 30, 35, 15, 10);
            case UV, FALLBACK -> List.of(5, 15, 40, 10, 30);
        };
    }

    /** Why this app cannot use this mode (the tool itself aside), or null when it can. */
    public static String unsuitable(Mode mode, App app) {
        return switch (mode) {
            case DOCKER -> app.composePath() == null ? "app has no compose file" : null;
            case UV ->
                !app.hasPyproject()
                        ? "app has no pyproject.toml"
                        : app.startCommand() == null ? "app has no start_command" : null;
            case FALLBACK -> app.startCommand() == null ? "app has no start_command" : null;
        };
    }

    public List<PlannedStep> plan(Mode mode, RunContext ctx) {
        List<String> names = names(mode);
        List<Integer> weights = weights(mode);
        List<PlannedStep.Action> actions = switch (mode) {
            case DOCKER -> docker(ctx);
            case UV -> uv(ctx);
            case FALLBACK -> fallback(ctx);
        };
        List<PlannedStep> steps = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            steps.add(new PlannedStep(names.get(i), weights.get(i), actions.get(i)));
        }
        return steps;
    }

    /** Mode-specific clean-up after cancel or timeout: for docker, the compose project comes down. */
    public void cleanUpInterrupted(Mode mode, RunContext ctx) {
        if (mode == Mode.DOCKER && ctx.app().composePath() != null) {
            ctx.log().system("bringing the compose project down");
            RunContext cleanup = ctx.withoutInterrupts();
            runner.run(
                    cleanup, compose(ctx, "down", "--remove-orphans"), ctx.workdir(), python.commandEnvironment(ctx));
        }
    }

    private List<PlannedStep.Action> fallback(RunContext ctx) {
        App app = ctx.app();
        Path venv = ctx.workdir().resolve(".venv");
        return List.of(
                c -> command(c, List.of(app.pythonOrDefault(), "--version"), python.commandEnvironment(c)),
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
                    return command(c, argv, python.commandEnvironment(c));
                },
                c -> {
                    if (!app.hasRequirements()) {
                        return StepOutcome.skipped("no requirements.txt");
                    }
                    return command(
                            c,
                            List.of(
                                    venv.resolve("bin/pip").toString(),
                                    "install",
                                    "--disable-pip-version-check",
                                    "-r",
                                    "requirements.txt"),
                            python.venvEnvironment(c));
                },
                python::start,
                python::healthCheck);
    }

    private List<PlannedStep.Action> uv(RunContext ctx) {
        App app = ctx.app();
        Path venv = ctx.workdir().resolve(".venv");
        return List.of(
                c -> command(c, List.of("uv", "--version"), python.commandEnvironment(c)),
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
                    return command(c, argv, python.commandEnvironment(c));
                },
                c -> {
                    List<String> argv = new ArrayList<>(List.of("uv", "sync"));
                    if (app.hasUvLock()) {
                        argv.add("--locked");
                    }
                    return command(c, argv, python.venvEnvironment(c));
                },
                python::start,
                python::healthCheck);
    }

    private List<PlannedStep.Action> docker(RunContext ctx) {
        return List.of(
                c -> command(c, List.of("docker", "info"), python.commandEnvironment(c)),
                c -> command(c, compose(c, "config", "--quiet"), python.commandEnvironment(c)),
                c -> command(c, compose(c, "pull"), python.commandEnvironment(c)),
                c -> command(
                        c,
                        c.deployment().forceRebuild() ? compose(c, "build", "--no-cache") : compose(c, "build"),
                        python.commandEnvironment(c)),
                c -> command(c, compose(c, "up", "-d", "--remove-orphans"), python.commandEnvironment(c)),
                this::waitComposeHealthy);
    }

    /** {@code docker compose -f <file> -p <project> <args>} */
    List<String> compose(RunContext ctx, String... args) {
        List<String> argv = new ArrayList<>(
                List.of("docker", "compose", "-f", ctx.app().composePath().toString(), "-p", project(ctx)));
        argv.addAll(List.of(args));
        return argv;
    }

    static String project(RunContext ctx) {
        return ("opsuite-" + ctx.app().name() + "-" + ctx.deployment().environment())
                .toLowerCase()
                .replaceAll("[^a-z0-9_-]", "-");
    }

    private StepOutcome waitComposeHealthy(RunContext ctx) {
        if (ctx.deployment().skipHealthCheck()) {
            return StepOutcome.skipped("skip_health_check requested");
        }
        long deadline = System.nanoTime() + ctx.app().healthTimeoutSeconds() * 1_000_000_000L;
        Map<String, String> env = python.commandEnvironment(ctx);
        List<String> ps = compose(ctx, "ps", "--format", "json");
        ctx.log().system("$ " + String.join(" ", ps) + " (polling until every service is running and healthy)");
        String last = "no services reported";
        while (true) {
            Interrupt interrupt = ctx.interrupt();
            if (interrupt != Interrupt.NONE) {
                return StepOutcome.interrupted(interrupt);
            }
            Probe.Outcome out = Probe.run(executables, env, config.probeTimeout(), ps.toArray(String[]::new));
            if (out.ok()) {
                String verdict = composeVerdict(out.output());
                if (verdict == null) {
                    ctx.log().system("all services are running and healthy");
                    return StepOutcome.completed(0);
                }
                last = verdict;
            } else {
                last = out.failure() != null ? out.failure() : "docker compose ps exited " + out.exitCode();
            }
            if (System.nanoTime() - deadline > 0) {
                return StepOutcome.failed(
                        null, "services not healthy after " + ctx.app().healthTimeoutSeconds() + " s: " + last);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return StepOutcome.interrupted(Interrupt.CANCELLED);
            }
        }
    }

    /** null when healthy; otherwise what is still wrong. Accepts a JSON array or one object per line. */
    String composeVerdict(String output) {
        List<JsonNode> services = new ArrayList<>();
        try {
            String trimmed = output.strip();
            if (trimmed.startsWith("[")) {
                mapper.readTree(trimmed).forEach(services::add);
            } else {
                for (String line : trimmed.split("\\R")) {
                    if (!line.isBlank()) {
                        services.add(mapper.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            return "unreadable docker compose ps output";
        }
        if (services.isEmpty()) {
            return "no services running";
        }
        for (JsonNode s : services) {
            String name = s.path("Service").asText(s.path("Name").asText("?"));
            String state = s.path("State").asText("");
            String health = s.path("Health").asText("");
            if (!"running".equals(state)) {
                return name + " is " + (state.isEmpty() ? "not running" : state);
            }
            if (!health.isEmpty() && !"healthy".equals(health)) {
                return name + " is " + health;
            }
        }
        return null;
    }

    private StepOutcome command(RunContext ctx, List<String> argv, Map<String, String> env) {
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
