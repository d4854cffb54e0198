package dev.opsuite.automation.ansible;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.domain.Caller;
import dev.opsuite.automation.domain.Feature;
import dev.opsuite.automation.domain.NewTask;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.features.FeatureService;
import dev.opsuite.automation.inventory.CredentialService;
import dev.opsuite.automation.inventory.TargetResolver;
import dev.opsuite.automation.remote.SshPool;
import dev.opsuite.automation.ssh.SshLimits;
import dev.opsuite.automation.task.TaskEngine;
import dev.opsuite.automation.task.TaskIds;
import dev.opsuite.common.crypto.SecretMasker;
import dev.opsuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /automation/ansible/run}: checks, records and starts a playbook run. */
@ApplicationScoped
public class AnsibleTaskService {
    public record RunSpec(
            Long playbookId,
            String clusterName,
            List<String> targetNodes,
            Long credentialId,
            String extraArgs,
            Map<String, Object> extraVars,
            boolean exclusive) {}

    private final FeatureService features;
    private final PlaybookService playbooks;
    private final TargetResolver targets;
    private final CredentialService credentials;
    private final TaskEngine engine;
    private final SshPool pool;
    private final SshLimits sshLimits;
    private final AnsibleLimits limits;
    private final AutomationConfig config;

    public AnsibleTaskService(
            FeatureService features,
            PlaybookService playbooks,
            TargetResolver targets,
            CredentialService credentials,
            TaskEngine engine,
            SshPool pool,
            SshLimits sshLimits,
            AnsibleLimits limits,
            AutomationConfig config) {
        this.features = features;
        this.playbooks = playbooks;
        this.targets = targets;
        this.credentials = credentials;
        this.engine = engine;
        this.pool = pool;
        this.sshLimits = sshLimits;
        this.limits = limits;
        this.config = config;
    }

    public Uni<Task> run(RunSpec spec, Caller caller) {
        if (spec.playbookId() == null) {
            throw ApiException.badRequest("validation_failed", "playbook_id is required");
        }
        List<String> args = ExtraArgs.parse(spec.extraArgs());
        return features.require(Feature.ANSIBLE)
                .chain(settings -> playbooks.get(spec.playbookId()).chain(playbook -> {
                    if (!playbook.isActive) {
                        throw ApiException.unprocessable(
                                "playbook_inactive", "playbook " + playbook.id + " is not active");
                    }
                    limits.runs().resize(settings.ansibleMaxConcurrent());
                    sshLimits.apply(settings);
                    return targets.resolve(spec.clusterName(), spec.targetNodes())
                            .chain(t -> credentials
                                    .resolve(spec.credentialId(), t.cluster(), t.names())
                                    .chain(login -> {
                                        Path base = Path.of(
                                                settings.ansibleTempDir() == null
                                                        ? System.getProperty("java.io.tmpdir") + "/opsuite-ansible"
                                                        : settings.ansibleTempDir());
                                        AnsibleJob job = new AnsibleJob(
                                                pool,
                                                limits.runs(),
                                                new AnsibleJob.Spec(
                                                        playbook.content,
                                                        t.nodes(),
                                                        login,
                                                        spec.extraVars(),
                                                        args,
                                                        settings.ansibleBinaryPath(),
                                                        base,
                                                        Duration.ofSeconds(settings.ansibleTimeout()),
                                                        config.killGrace(),
                                                        config.ansibleOutputCapBytes(),
                                                        new SecretMasker(login.secrets())));
                                        Map<String, Object> request = new LinkedHashMap<>();
                                        if (spec.exclusive()) {
                                            request.put("exclusive", true);
                                        }
                                        request.put("extra_args", spec.extraArgs());
                                        request.put(
                                                "extra_vars", spec.extraVars() == null ? Map.of() : spec.extraVars());
                                        request.put("playbook_version", playbook.version);
                                        return engine.launch(
                                                new NewTask(
                                                        TaskIds.next(TaskKind.ANSIBLE),
                                                        TaskKind.ANSIBLE,
                                                        null,
                                                        t.cluster(),
                                                        t.names(),
                                                        t.hosts(),
                                                        null,
                                                        playbook.id,
                                                        playbook.name,
                                                        login.credentialId(),
                                                        request,
                                                        null,
                                                        null,
                                                        caller.userId(),
                                                        caller.username(),
                                                        null),
                                                job);
                                    }));
                }));
    }
}
