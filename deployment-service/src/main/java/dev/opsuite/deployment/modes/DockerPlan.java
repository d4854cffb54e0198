package dev.opsuite.deployment.modes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.Mode;
import dev.opsuite.deployment.process.Executables;
import dev.opsuite.deployment.steps.Interrupt;
import dev.opsuite.deployment.steps.PlannedStep;
import dev.opsuite.deployment.steps.RunContext;
import dev.opsuite.deployment.steps.StepOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docker mode: the app's compose project, validated, pulled, built and started under a project name
 * of its own per app+environment, then polled until every service runs and is healthy. A cancel or
 * timeout brings the project down again.
 */
@ApplicationScoped
public class DockerPlan implements ModePlan {
    private static final List<Step> STEPS = List.of(
            new Step(ModePlans.CHECK, 5),
            new Step("validate compose", 5),
            new Step("pull", 30),
            new Step("build", 35),
            new Step("up", 15),
            new Step("wait healthy", 10));

    private final CommandSteps commands;
    private final Executables executables;
    private final DeploymentConfig config;
    private final ObjectMapper mapper;

    public DockerPlan(CommandSteps commands, Executables executables, DeploymentConfig config, ObjectMapper mapper) {
        this.commands = commands;
        this.executables = executables;
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public Mode mode() {
        return Mode.DOCKER;
    }

    @Override
    public List<Step> steps() {
        return STEPS;
    }

    @Override
    public String unsuitable(App app) {
        return app.composePath() == null ? "app has no compose file" : null;
    }

    @Override
    public List<PlannedStep.Action> actions(RunContext ctx) {
        return List.of(
                c -> commands.run(c, List.of("docker", "info"), commands.environment(c)),
                c -> commands.run(c, compose(c, "config", "--quiet"), commands.environment(c)),
                c -> commands.run(c, compose(c, "pull"), commands.environment(c)),
                c -> commands.run(
                        c,
                        c.deployment().forceRebuild() ? compose(c, "build", "--no-cache") : compose(c, "build"),
                        commands.environment(c)),
                c -> commands.run(c, compose(c, "up", "-d", "--remove-orphans"), commands.environment(c)),
                this::waitComposeHealthy);
    }

    /** The compose project comes down, so a cancelled deployment leaves no containers behind. */
    @Override
    public void cleanUpInterrupted(RunContext ctx) {
        if (ctx.app().composePath() != null) {
            ctx.log().system("bringing the compose project down");
            commands.runUninterrupted(ctx, compose(ctx, "down", "--remove-orphans"));
        }
    }

    /** Client AND engine: {@code docker info} fails without a reachable engine, and compose must be there. */
    @Override
    public ToolStatus probeTool() {
        var env = executables.baseEnvironment();
        Probe.Outcome info =
                Probe.run(executables, env, config.probeTimeout(), "docker", "info", "--format", "{{.ServerVersion}}");
        if (info.failure() != null) {
            return ToolStatus.unavailable(info.failure());
        }
        if (!info.ok()) {
            String why = info.lastLine();
            return ToolStatus.unavailable("docker info failed (exit " + info.exitCode() + "): no usable Docker engine"
                    + (why.isEmpty() ? "" : ": " + why));
        }
        Probe.Outcome compose =
                Probe.run(executables, env, config.probeTimeout(), "docker", "compose", "version", "--short");
        if (!compose.ok()) {
            return ToolStatus.unavailable("docker compose plugin is missing");
        }
        return ToolStatus.available(info.lastLine());
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
        Map<String, String> env = commands.environment(ctx);
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
}
