package dev.opsuite.automation.scripts;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.domain.Caller;
import dev.opsuite.automation.domain.Feature;
import dev.opsuite.automation.domain.NewTask;
import dev.opsuite.automation.domain.Script;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.features.FeatureService;
import dev.opsuite.automation.inventory.CredentialService;
import dev.opsuite.automation.inventory.TargetResolver;
import dev.opsuite.automation.remote.RemoteCommand;
import dev.opsuite.automation.remote.SshPool;
import dev.opsuite.automation.safety.CommandPolicy;
import dev.opsuite.automation.ssh.RemoteJob;
import dev.opsuite.automation.ssh.SshLimits;
import dev.opsuite.automation.task.TaskEngine;
import dev.opsuite.automation.task.TaskIds;
import dev.opsuite.common.crypto.SecretMasker;
import dev.opsuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /automation/scripts/execute}: the script travels on stdin, its parameters become
 * environment variables set in the remote command (names validated, values single-quoted), so
 * {@code ${PORT:-80}} works and a value can never become code.
 */
@ApplicationScoped
public class ScriptTaskService {
    public record ExecuteSpec(
            Long scriptId,
            String clusterName,
            List<String> targetNodes,
            Long credentialId,
            Map<String, Object> parameters,
            Integer timeout,
            boolean allowSuspicious,
            boolean exclusive) {}

    private final FeatureService features;
    private final ScriptService scripts;
    private final CommandPolicy policy;
    private final TargetResolver targets;
    private final CredentialService credentials;
    private final TaskEngine engine;
    private final SshPool pool;
    private final SshLimits limits;
    private final AutomationConfig config;

    public ScriptTaskService(
            FeatureService features,
            ScriptService scripts,
            CommandPolicy policy,
            TargetResolver targets,
            CredentialService credentials,
            TaskEngine engine,
            SshPool pool,
            SshLimits limits,
            AutomationConfig config) {
        this.features = features;
        this.scripts = scripts;
        this.policy = policy;
        this.targets = targets;
        this.credentials = credentials;
        this.engine = engine;
        this.pool = pool;
        this.limits = limits;
        this.config = config;
    }

    public Uni<Task> execute(ExecuteSpec spec, Caller caller) {
        if (spec.scriptId() == null) {
            throw ApiException.badRequest("validation_failed", "script_id is required");
        }
        if (spec.timeout() != null && (spec.timeout() < 1 || spec.timeout() > 86_400)) {
            throw ApiException.badRequest("validation_failed", "timeout must be between 1 and 86400 seconds");
        }
        return features.require(Feature.SCRIPTS)
                .chain(settings -> scripts.get(spec.scriptId()).chain(script -> {
                    if (!script.isActive) {
                        throw ApiException.unprocessable("script_inactive", "script " + script.id + " is not active");
                    }
                    Map<String, String> env = ParameterRules.resolve(script.parameters, spec.parameters());
                    List<String> secrets = ParameterRules.secrets(script.parameters, env);
                    boolean allow = spec.allowSuspicious() && caller.admin();
                    if ("shell".equals(script.language)) {
                        // suspicious constructs were accepted (by an admin) when the script was saved; rules may have
                        // changed since
                        policy.check("script " + script.id, script.content, true);
                    }
                    env.forEach((name, value) -> {
                        if (!secrets.contains(value)) {
                            policy.check("parameter " + name, value, allow);
                        }
                    });
                    limits.apply(settings);
                    return targets.resolve(spec.clusterName(), spec.targetNodes())
                            .chain(t -> credentials
                                    .resolve(spec.credentialId(), t.cluster(), t.names())
                                    .chain(login -> {
                                        RemoteCommand.requireSupportedBecome(login);
                                        int timeout = spec.timeout() == null ? settings.sshTimeout() : spec.timeout();
                                        List<String> masked = new ArrayList<>(login.secrets());
                                        masked.addAll(secrets);
                                        RemoteJob job = new RemoteJob(
                                                pool,
                                                limits.nodes(),
                                                new RemoteJob.Spec(
                                                        t.nodes(),
                                                        login,
                                                        script.content,
                                                        "python".equals(script.language)
                                                                ? RemoteCommand.Interpreter.PYTHON3
                                                                : RemoteCommand.Interpreter.BASH,
                                                        env,
                                                        Duration.ofSeconds(timeout),
                                                        config.outputCapBytes(),
                                                        config.killGrace(),
                                                        new SecretMasker(masked, 1)));
                                        return engine.launch(
                                                new NewTask(
                                                        TaskIds.next(TaskKind.SCRIPT),
                                                        TaskKind.SCRIPT,
                                                        null,
                                                        t.cluster(),
                                                        t.names(),
                                                        t.hosts(),
                                                        null,
                                                        script.id,
                                                        script.name,
                                                        login.credentialId(),
                                                        exclusive(
                                                                request(script, env, secrets, timeout),
                                                                spec.exclusive()),
                                                        null,
                                                        null,
                                                        caller.userId(),
                                                        caller.username(),
                                                        null),
                                                job);
                                    }));
                }));
    }

    private static Map<String, Object> request(
            Script script, Map<String, String> env, List<String> secrets, int timeout) {
        Map<String, Object> shown = new LinkedHashMap<>();
        env.forEach((k, v) -> shown.put(k, secrets.contains(v) ? "***" : v));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("parameters", shown);
        request.put("timeout", timeout);
        request.put("script_version", script.version);
        return request;
    }

    private static Map<String, Object> exclusive(Map<String, Object> request, boolean exclusive) {
        if (exclusive) {
            request.put("exclusive", true);
        }
        return request;
    }
}
