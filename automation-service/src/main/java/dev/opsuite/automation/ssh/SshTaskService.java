package dev.opsuite.automation.ssh;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.domain.Caller;
import dev.opsuite.automation.domain.Feature;
import dev.opsuite.automation.domain.NewTask;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.features.FeatureService;
import dev.opsuite.automation.inventory.CredentialService;
import dev.opsuite.automation.inventory.TargetResolver;
import dev.opsuite.automation.remote.RemoteCommand;
import dev.opsuite.automation.remote.SshPool;
import dev.opsuite.automation.safety.CommandPolicy;
import dev.opsuite.automation.task.TaskEngine;
import dev.opsuite.automation.task.TaskIds;
import dev.opsuite.common.crypto.SecretMasker;
import dev.opsuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /automation/ssh/execute}: checks, records and starts an SSH command on the nodes. */
@ApplicationScoped
public class SshTaskService {
    static final int MAX_COMMAND = 64 * 1024;

    public record ExecuteSpec(
            String clusterName,
            List<String> targetNodes,
            Long credentialId,
            String command,
            Integer timeout,
            boolean allowSuspicious,
            boolean exclusive) {}

    private final FeatureService features;
    private final CommandPolicy policy;
    private final TargetResolver targets;
    private final CredentialService credentials;
    private final TaskEngine engine;
    private final SshPool pool;
    private final SshLimits limits;
    private final AutomationConfig config;

    public SshTaskService(
            FeatureService features,
            CommandPolicy policy,
            TargetResolver targets,
            CredentialService credentials,
            TaskEngine engine,
            SshPool pool,
            SshLimits limits,
            AutomationConfig config) {
        this.features = features;
        this.policy = policy;
        this.targets = targets;
        this.credentials = credentials;
        this.engine = engine;
        this.pool = pool;
        this.limits = limits;
        this.config = config;
    }

    public Uni<Task> execute(ExecuteSpec spec, Caller caller) {
        if (spec.command() == null || spec.command().isBlank()) {
            throw ApiException.badRequest("validation_failed", "command is required");
        }
        if (spec.command().length() > MAX_COMMAND) {
            throw ApiException.badRequest("validation_failed", "command is longer than " + MAX_COMMAND + " characters");
        }
        if (spec.timeout() != null && (spec.timeout() < 1 || spec.timeout() > 86_400)) {
            throw ApiException.badRequest("validation_failed", "timeout must be between 1 and 86400 seconds");
        }
        return features.require(Feature.SSH).chain(settings -> {
            policy.check("command", spec.command(), spec.allowSuspicious() && caller.admin());
            limits.apply(settings);
            return targets.resolve(spec.clusterName(), spec.targetNodes())
                    .chain(t -> credentials
                            .resolve(spec.credentialId(), t.cluster(), t.names())
                            .chain(login -> {
                                RemoteCommand.requireSupportedBecome(login);
                                int timeout = spec.timeout() == null ? settings.sshTimeout() : spec.timeout();
                                RemoteJob job = new RemoteJob(
                                        pool,
                                        limits.nodes(),
                                        new RemoteJob.Spec(
                                                t.nodes(),
                                                login,
                                                spec.command(),
                                                RemoteCommand.Interpreter.SHELL,
                                                Map.of(),
                                                Duration.ofSeconds(timeout),
                                                config.outputCapBytes(),
                                                config.killGrace(),
                                                new SecretMasker(login.secrets())));
                                Map<String, Object> request = new LinkedHashMap<>();
                                if (spec.exclusive()) {
                                    request.put("exclusive", true);
                                }
                                request.put("timeout", timeout);
                                return engine.launch(
                                        new NewTask(
                                                TaskIds.next(TaskKind.SSH),
                                                TaskKind.SSH,
                                                null,
                                                t.cluster(),
                                                t.names(),
                                                t.hosts(),
                                                spec.command(),
                                                null,
                                                null,
                                                login.credentialId(),
                                                request,
                                                null,
                                                null,
                                                caller.userId(),
                                                caller.username(),
                                                null),
                                        job);
                            }));
        });
    }
}
