package dev.opsuite.deployment.modes;

import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.Mode;
import dev.opsuite.deployment.steps.PlannedStep;
import dev.opsuite.deployment.steps.RunContext;
import java.util.List;

/**
 * One way to deploy an app: its steps, when it suits an app, and whether its tool works on this host.
 * A new mode is a new implementation (an {@code @ApplicationScoped} bean; {@link ModePlans} finds it)
 * plus its {@link Mode} constant.
 */
public interface ModePlan {
    /** A step as the deployment shows it before it runs; progress = completed weight / total weight. */
    record Step(String name, int weight) {}

    Mode mode();

    /** The steps in order, known at creation so progress shows every step from the start. */
    List<Step> steps();

    /** Why this app cannot use this mode (the tool itself aside), or null when it can. */
    String unsuitable(App app);

    /** What each step does for this run, in the order of {@link #steps()}. */
    List<PlannedStep.Action> actions(RunContext ctx);

    /** Mode-specific clean-up after cancel or timeout (the runner has already stopped the started app). */
    default void cleanUpInterrupted(RunContext ctx) {}

    /** Runs the mode's tool to see whether it works here (blocking, bounded by the probe timeout). */
    ToolStatus probeTool();
}
