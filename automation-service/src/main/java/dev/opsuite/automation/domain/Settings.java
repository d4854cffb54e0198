package dev.opsuite.automation.domain;

/** An immutable snapshot of {@link FeatureSettings}, handed to the engines. */
public record Settings(
        boolean enabled,
        boolean ansibleEnabled,
        boolean sshEnabled,
        boolean scriptsEnabled,
        boolean workflowsEnabled,
        String ansibleBinaryPath,
        String ansibleTempDir,
        int ansibleTimeout,
        int ansibleMaxConcurrent,
        int sshTimeout,
        int sshMaxConcurrent,
        int sshPoolSize) {

    public static Settings of(FeatureSettings f) {
        return new Settings(
                f.enabled,
                f.ansibleEnabled,
                f.sshEnabled,
                f.scriptsEnabled,
                f.workflowsEnabled,
                f.ansibleBinaryPath,
                f.ansibleTempDir,
                f.ansibleTimeout,
                f.ansibleMaxConcurrent,
                f.sshTimeout,
                f.sshMaxConcurrent,
                f.sshPoolSize);
    }
}
