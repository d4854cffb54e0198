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
import dev.opsuite.automation.remote.RemoteCommand;
import dev.opsuite.automation.remote.SshPool;
import dev.opsuite.automation.safety.CommandPolicy;
import dev.opsuite.automation.ssh.SshLimits;
import dev.opsuite.automation.task.TaskEngine;
import dev.opsuite.automation.task.TaskIds;
import dev.opsuite.automation.task.TaskQueries;
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
import java.util.Set;

/** {@code POST /automation/workflows/execute}: resolves everything the DAG needs, records the task and its steps. */
@ApplicationScoped
public class WorkflowTaskService {
    public record ExecuteSpec(
            Long workflowId,
            String clusterName,
            List<String> targetNodes,
            Long credentialId,
            Map<String, Object> parameters,
            boolean allowSuspicious,
            boolean exclusive) {}

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
    private final TaskQueries queries;

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
            AutomationConfig config,
            TaskQueries queries) {
        this.queries = queries;
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

    /** What a resumed run takes over from the run it resumes. */
    record Carried(String from, int workflowVersion, Map<String, WorkflowStep> completed) {}

    public Uni<Task> execute(ExecuteSpec spec, Caller caller) {
        return start(spec, caller, null);
    }

    /**
     * Resumes a failed or cancelled workflow run as a new linked run: the steps it completed keep their
     * results and do not run again; failed, timed-out, cancelled and skipped ones run. Refused (409) when
     * the workflow's definition changed since, or the run did not fail.
     */
    public Uni<Task> resume(String taskId, Caller caller) {
        return queries.detail(TaskKind.WORKFLOW, taskId).chain(d -> {
            Task t = d.task();
            if (!t.status().terminal() || t.status().wire().equals("completed")) {
                throw ApiException.conflict(
                        "not_resumable",
                        "workflow run " + taskId + " is " + t.status().wire()
                                + ": only failed or cancelled runs resume");
            }
            Map<String, WorkflowStep> completed = new LinkedHashMap<>();
            d.steps().stream().filter(s -> s.status().equals("completed")).forEach(s -> completed.put(s.stepId(), s));
            Map<String, Object> request = t.request() == null ? Map.of() : t.request();
            int version = request.get("workflow_version") instanceof Number n ? n.intValue() : -1;
            @SuppressWarnings("unchecked")
            Map<String, Object> params =
                    request.get("parameters") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            return start(
                    new ExecuteSpec(
                            t.refId(),
                            t.clusterName(),
                            t.targetNodes(),
                            t.credentialId(),
                            params,
                            caller.admin(),
                            Boolean.TRUE.equals(request.get("exclusive"))),
                    caller,
                    new Carried(taskId, version, completed));
        });
    }

    private Uni<Task> start(ExecuteSpec spec, Caller caller, Carried carried) {
        if (spec.workflowId() == null) {
            throw ApiException.badRequest("validation_failed", "workflow_id is required");
        }
        Map<String, String> params = parameters(spec.parameters(), spec.allowSuspicious() && caller.admin());
        return features.require(Feature.WORKFLOWS)
                .chain(settings -> workflows.get(spec.workflowId()).chain(w -> {
                    if (!w.isActive) {
                        throw ApiException.unprocessable("workflow_inactive", "workflow " + w.id + " is not active");
                    }
                    if (carried != null && carried.workflowVersion() != w.version) {
                        throw ApiException.conflict(
                                "workflow_changed",
                                "workflow " + w.id + " changed since run " + carried.from() + " (version "
                                        + carried.workflowVersion() + " → " + w.version + "): start a new run");
                    }
                    limits.apply(settings);
                    return catalogue(w)
                            .chain(cat -> targets.resolve(spec.clusterName(), spec.targetNodes())
                                    .chain(t -> credentials
                                            .resolve(spec.credentialId(), t.cluster(), t.names())
                                            .chain(login -> {
                                                RemoteCommand.requireSupportedBecome(login);
                                                List<String> masked = new ArrayList<>(login.secrets());
                                                Path tempDir = Path.of(
                                                        settings.ansibleTempDir() == null
                                                                ? System.getProperty("java.io.tmpdir")
                                                                        + "/opsuite-ansible"
                                                                : settings.ansibleTempDir());
                                                WorkflowPlan plan = new WorkflowPlan(
                                                        w.definition.steps(),
                                                        t,
                                                        login,
                                                        cat.scripts(),
                                                        cat.playbooks(),
                                                        params,
                                                        settings.sshTimeout(),
                                                        settings.ansibleBinaryPath(),
                                                        tempDir,
                                                        config.outputCapBytes(),
                                                        config.killGrace(),
                                                        new SecretMasker(masked));
                                                Set<String> done = carried == null
                                                        ? Set.of()
                                                        : carried.completed().keySet();
                                                WorkflowJob job = new WorkflowJob(plan, pool, store, done);
                                                Map<String, Object> request = new LinkedHashMap<>();
                                                if (spec.exclusive()) {
                                                    request.put("exclusive", true);
                                                }
                                                request.put("parameters", params);
                                                request.put("workflow_version", w.version);
                                                if (carried != null) {
                                                    request.put("resumed_from", carried.from());
                                                }
                                                List<Step> steps = w.definition.steps();
                                                String first = steps.stream()
                                                        .map(Step::id)
                                                        .filter(id -> !done.contains(id))
                                                        .findFirst()
                                                        .orElse(steps.get(0).id());
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
                                                                first,
                                                                caller.userId(),
                                                                caller.username(),
                                                                null),
                                                        job,
                                                        (tx, task) -> store.insertSteps(
                                                                tx,
                                                                task.taskId(),
                                                                stepRows(task.taskId(), steps, carried)));
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

    private static List<WorkflowStep> stepRows(String taskId, List<Step> steps, Carried carried) {
        List<WorkflowStep> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            WorkflowStep before = carried == null ? null : carried.completed().get(s.id());
            rows.add(
                    before == null
                            ? new WorkflowStep(
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
                                    null)
                            : new WorkflowStep(
                                    taskId,
                                    i,
                                    s.id(),
                                    before.name(),
                                    s.type(),
                                    "completed",
                                    before.attempts(),
                                    before.result(),
                                    "carried over from " + carried.from()
                                            + (before.message() == null ? "" : ": " + before.message()),
                                    100,
                                    null,
                                    null));
        }
        return rows;
    }
}
