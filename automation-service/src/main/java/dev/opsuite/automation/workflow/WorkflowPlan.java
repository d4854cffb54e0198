package dev.opsuite.automation.workflow;

import dev.opsuite.automation.domain.Login;
import dev.opsuite.automation.domain.ScriptParameter;
import dev.opsuite.automation.domain.WorkflowDefinition.Step;
import dev.opsuite.automation.inventory.Targets;
import dev.opsuite.common.crypto.SecretMasker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Everything a workflow run needs, resolved when it is accepted (later catalogue edits do not change it). */
record WorkflowPlan(
        List<Step> steps,
        Targets targets,
        Login login,
        Map<Long, ScriptSnapshot> scripts,
        Map<Long, String> playbooks,
        Map<String, String> parameters,
        int defaultTimeout,
        String ansibleBinary,
        Path ansibleTempDir,
        int outputCap,
        Duration killGrace,
        SecretMasker masker) {

    record ScriptSnapshot(String content, String language, List<ScriptParameter> parameters) {}
}
