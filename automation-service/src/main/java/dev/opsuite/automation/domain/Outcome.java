package dev.opsuite.automation.domain;

/** The detail behind a terminal status. */
public enum Outcome {
    SUCCESS("success"),
    PARTIAL("partial"),
    FAILURE("failure"),
    TIMED_OUT("timed_out"),
    CANCELLED("cancelled");

    private final String wire;

    Outcome(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public TaskStatus status() {
        return switch (this) {
            case SUCCESS -> TaskStatus.COMPLETED;
            case CANCELLED -> TaskStatus.CANCELLED;
            default -> TaskStatus.FAILED;
        };
    }

    /** From per-node counts: every node succeeded, some did, none did. */
    public static Outcome of(int succeeded, int failed, boolean timedOut, boolean cancelled) {
        if (cancelled) {
            return CANCELLED;
        }
        if (timedOut) {
            return TIMED_OUT;
        }
        if (failed == 0) {
            return SUCCESS;
        }
        return succeeded > 0 ? PARTIAL : FAILURE;
    }
}
