package dev.opsuite.deployment.steps;

/** How a step ended: completed | failed | skipped, or interrupted by cancel/timeout. */
public record StepOutcome(String status, Integer exitCode, String error, Interrupt interrupt) {
    public static StepOutcome completed(Integer exitCode) {
        return new StepOutcome("completed", exitCode, null, Interrupt.NONE);
    }

    public static StepOutcome skipped(String why) {
        return new StepOutcome("skipped", null, why, Interrupt.NONE);
    }

    public static StepOutcome failed(Integer exitCode, String error) {
        return new StepOutcome("failed", exitCode, error, Interrupt.NONE);
    }

    public static StepOutcome interrupted(Interrupt interrupt) {
        return new StepOutcome("cancelled", null, null, interrupt);
    }

    public boolean isInterrupted() {
        return interrupt != Interrupt.NONE;
    }

    public boolean isFailure() {
        return "failed".equals(status);
    }
}
