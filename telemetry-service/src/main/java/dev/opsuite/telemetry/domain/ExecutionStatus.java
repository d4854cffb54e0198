package dev.opsuite.telemetry.domain;

/**
 * The status of an execution: still running ({@link #INSTALLING}) or one of the four terminal
 * outcomes. Reports also carry progress steps ({@code validation}, {@code configuring}); those move
 * an execution's current step, never its status, so they are not values of this type.
 */
public enum ExecutionStatus {
    INSTALLING("installing"),
    SUCCESS("success"),
    FAILED("failed"),
    ABORTED("aborted"),
    UNKNOWN("unknown");

    private final String value;

    ExecutionStatus(String value) {
        this.value = value;
    }

    /** The value stored in the {@code status} columns and shown by the APIs. */
    public String value() {
        return value;
    }

    /** success, failed, aborted or unknown: the execution has its outcome. */
    public boolean isTerminal() {
        return this != INSTALLING;
    }

    /** The status a stored value names; anything else in the column is a corrupt row. */
    public static ExecutionStatus of(String value) {
        ExecutionStatus status = reported(value);
        if (status == null) {
            throw new IllegalArgumentException("not an execution status: " + value);
        }
        return status;
    }

    /** The status a report names, or null when the report is a progress step (or names nothing known). */
    public static ExecutionStatus reported(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "installing" -> INSTALLING;
            case "success" -> SUCCESS;
            case "failed" -> FAILED;
            case "aborted" -> ABORTED;
            case "unknown" -> UNKNOWN;
            default -> null;
        };
    }
}
