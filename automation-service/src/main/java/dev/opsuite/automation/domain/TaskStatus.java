package dev.opsuite.automation.domain;

/**
 * A task's status: only the seed's five values, because the seed's SDK clients poll until they see
 * completed/failed(/cancelled) and would loop forever on anything else. Detail goes to {@link Outcome}.
 */
public enum TaskStatus {
    PENDING("pending"),
    RUNNING("running"),
    COMPLETED("completed"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wire;

    TaskStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static TaskStatus of(String wire) {
        for (TaskStatus s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown task status " + wire);
    }

    public static boolean isWire(String wire) {
        for (TaskStatus s : values()) {
            if (s.wire.equals(wire)) {
                return true;
            }
        }
        return false;
    }
}
