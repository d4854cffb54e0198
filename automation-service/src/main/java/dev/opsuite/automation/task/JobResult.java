package dev.opsuite.automation.task;

import dev.opsuite.automation.domain.Outcome;

/** How a job ended: the outcome and, when the task failed as a whole, why. */
public record JobResult(Outcome outcome, String error) {
    public static JobResult of(Outcome outcome) {
        return new JobResult(outcome, null);
    }
}
