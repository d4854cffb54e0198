package dev.opsuite.deployment.steps;

/** A named, weighted step of a mode; progress = completed weight / total weight. */
public record PlannedStep(String name, int weight, Action action) {
    @FunctionalInterface
    public interface Action {
        StepOutcome run(RunContext ctx);
    }
}
