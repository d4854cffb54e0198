package dev.opsuite.automation.domain;

/** What a task runs; also the task id prefix ({@code ssh-exec-…}) and the path segment of its API. */
public enum TaskKind {
    SSH("ssh", "ssh"),
    ANSIBLE("ansible", "ansible"),
    SCRIPT("script", "scripts"),
    WORKFLOW("workflow", "workflows");

    private final String wire;
    private final String path;

    TaskKind(String wire, String path) {
        this.wire = wire;
        this.path = path;
    }

    public String wire() {
        return wire;
    }

    public String path() {
        return path;
    }

    public static TaskKind of(String wire) {
        for (TaskKind k : values()) {
            if (k.wire.equals(wire)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown task kind " + wire);
    }
}
