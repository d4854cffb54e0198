package dev.opsuite.automation.domain;

/** The execution features, each behind its own switch (and the master switch). */
public enum Feature {
    SSH("SSH"),
    ANSIBLE("Ansible"),
    SCRIPTS("脚本"),
    WORKFLOWS("工作流");

    private final String label;

    Feature(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean on(Settings s) {
        if (!s.enabled()) {
            return false;
        }
        return switch (this) {
            case SSH -> s.sshEnabled();
            case ANSIBLE -> s.ansibleEnabled();
            case SCRIPTS -> s.scriptsEnabled();
            case WORKFLOWS -> s.workflowsEnabled();
        };
    }
}
