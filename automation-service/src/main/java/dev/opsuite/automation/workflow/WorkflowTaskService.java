package dev.opsuite.automation.workflow;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.domain.Caller;
import dev.opsuite.automation.domain.Feature;
import dev.opsuite.automation.domain.NewTask;
import dev.opsuite.automation.domain.Playbook;
import dev.opsuite.automation.domain.Script;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.domain.TaskStore;
import dev.opsuite.automation.domain.Workflow;
import dev.opsuite.automation.domain.WorkflowDefinition.Step;
import dev.opsuite.automation.domain.WorkflowStep;
import dev.opsuite.automation.features.FeatureService;
import dev.opsuite.automation.inventory.CredentialService;
import dev.opsuite.automation.inventory.TargetResolver;
import dev.opsuite.automation.safety.CommandPolicy;
import dev.opsuite.automation.ssh.RemoteCommand;
import dev.opsuite.automation.ssh.SshLimits;
import dev.opsuite.automation.ssh.SshPool;
import dev.opsuite.automation.task.TaskEngine;
import dev.opsuite.automation.task.TaskIds;
import dev.opsuite.common.crypto.SecretMasker;
import dev.opsuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /automation/workflows/execute}: resolves everything the DAG needs, records the task and its steps. */
@ApplicationScoped
public class WorkflowTaskService {
    public record ExecuteSpec(
            Long workflowId,
            String clusterName,
            List<String> targetNodes,
            Long credentialId,
            Map<String, Object> parameters,
            boolean allowSuspicious) {}

    private final FeatureService features;
    private final WorkflowService workflows;
    private final CommandPolicy policy;
    private final TargetResolver targets;
    private final CredentialService credentials;
    private final TaskEngine engine;
    private final TaskStore store;
    private final SshPool pool;
    private final SshLimits limits;
    private final AutomationConfig config;

    public WorkflowTaskService(
            FeatureService features,
            WorkflowService workflows,
            CommandPolicy policy,
            TargetResolver targets,
            CredentialService credentials,
            TaskEngine engine,
            TaskStore store,
            SshPool pool,
            SshLimits limits,
            AutomationConfig config) {
        this.features = features;
        this.workflows = workflows;
        this.policy = policy;
        this.targets = targets;
        this.credentials = credentials;
        this.engine = engine;
        this.store = store;
        this.pool = pool;
        this.limits = limits;
        this.config = config;
    }

    public Uni<Task> execute(ExecuteSpec spec, Caller caller) {
        if (spec.workflowId() == null) {
            throw ApiException.badRequest("validation_failed", "workflow_id is required");
        }
        Map<String, String> params = parameters(spec.parameters(), spec.allowSuspicious() && caller.admin());
        return features.require(Feature.WORKFLOWS)
                .chain(settings -> workflows.get(spec.workflowId()).chain(w -> {
                    if (!w.isActive) {
                        throw ApiException.unprocessable("workflow_inactive", "workflow " + w.id + " is not active");
                    }
                    limits.apply(settings);
                    return catalogue(w)
                            .chain(cat -> targets.resolve(spec.clusterName(), spec.targetNodes())
                                    .chain(t -> credentials
                                            .resolve(spec.credentialId(), t.cluster(), t.names())
                                            .chain(login -> {
                                                RemoteCommand.requireSupportedBecome(login);
                                                List<String> masked = new ArrayList<>(login.secrets());
                                                WorkflowPlan plan = new WorkflowPlan(
                                                        w.definition.steps(),
                                                        t,
                                                        login,
                                                        cat.scripts(),
                                                        cat.playbooks(),
                                                        params,
                                                        settings.sshTimeout(),
                                                        settings.ansibleBinaryPath(),
                                                        Path.of(
                                                                settings.ansibleTempDir() == null
                                                                        ? System.getProperty("java.io.tmpdir")
                                                                                + "/opsuite-ansible"
                                                                        : settings.ansibleTempDir()),
                                                        config.outputCapBytes(),
                                                        config.killGrace(),
                                                        new SecretMasker(masked));
                                                WorkflowJob job = new WorkflowJob(plan, pool, store);
                                                Map<String, Object> request = new LinkedHashMap<>();
                                                request.put("parameters", params);
                                                request.put("workflow_version", w.version);
                                                List<Step> steps = w.definition.steps();
                                                return engine.launch(
                                                        new NewTask(
                                                                TaskIds.next(TaskKind.WORKFLOW),
                                                                TaskKind.WORKFLOW,
                                                                null,
                                                                t.cluster(),
                                                                t.names(),
                                                                t.hosts(),
                                                                null,
                                                                w.id,
                                                                w.name,
                                                                login.credentialId(),
                                                                request,
                                                                steps.size(),
                                                                steps.get(0).id(),
                                                                caller.userId(),
                                                                caller.username(),
                                                                null),
                                                        job,
                                                        (tx, task) -> store.insertSteps(
                                                                tx, task.taskId(), stepRows(task.taskId(), steps)));
                                            })));
                }));
    }

    record Catalogue(Map<Long, WorkflowPlan.ScriptSnapshot> scripts, Map<Long, String> playbooks) {}

    @WithSession
    Uni<Catalogue> catalogue(Workflow w) {
        List<Long> scriptIds = new ArrayList<>(WorkflowValidator.scriptIds(w.definition));
        List<Long> playbookIds = new ArrayList<>(WorkflowValidator.playbookIds(w.definition));
        Uni<List<Script>> scripts = scriptIds.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Script.<Script>find("id in ?1", scriptIds).list();
        return scripts.chain(sl -> (playbookIds.isEmpty()
                        ? Uni.createFrom().item(List.<Playbook>of())
                        : Playbook.<Playbook>find("id in ?1", playbookIds).list())
                .map(pl -> {
                    Map<Long, WorkflowPlan.ScriptSnapshot> s = new HashMap<>();
                    sl.forEach(x -> s.put(x.id, new WorkflowPlan.ScriptSnapshot(x.content, x.language, x.parameters)));
                    Map<Long, String> p = new HashMap<>();
                    pl.forEach(x -> p.put(x.id, x.content));
                    if (s.size() != scriptIds.size() || p.size() != playbookIds.size()) {
                        throw ApiException.unprocessable(
                                "invalid_workflow", "a script or playbook this workflow uses was deleted");
                    }
                    return new Catalogue(s, p);
                }));
    }

    private Map<String, String> parameters(Map<String, Object> given, boolean allowSuspicious) {
        Map<String, String> env = new LinkedHashMap<>();
        if (given == null) {
            return env;
        }
        given.forEach((name, value) -> {
            if (!RemoteCommand.ENV_NAME.matcher(name).matches()) {
                throw ApiException.unprocessable(
                        "invalid_parameter", "parameter name " + name + " is not an environment variable name");
            }
            if (!(value instanceof String s)) {
                throw ApiException.unprocessable("invalid_parameter", "parameter " + name + " must be a string");
            }
            policy.check("parameter " + name, s, allowSuspicious);
            env.put(name, s);
        });
        return env;
    }

    private static List<WorkflowStep> stepRows(String taskId, List<Step> steps) {
        List<WorkflowStep> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            rows.add(new WorkflowStep(
                    taskId,
                    i,
                    s.id(),
                    s.name() == null ? s.id() : s.name(),
                    s.type(),
                    "pending",
                    0,
                    null,
                    null,
                    0,
                    null,
                    null));
        }
        return rows;
    }
}
