package dev.opsuite.automation.relaunch;

import dev.opsuite.automation.ansible.AnsibleTaskService;
import dev.opsuite.automation.domain.Caller;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.domain.TaskNode;
import dev.opsuite.automation.scripts.ScriptTaskService;
import dev.opsuite.automation.ssh.SshTaskService;
import dev.opsuite.automation.task.TaskQueries;
import dev.opsuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a finished SSH, script or Ansible task again, on its failed nodes only ({@code hosts=failed},
 * the default) or on all of them, with the same command/script/playbook and settings, as a new task
 * whose request names the original ({@code relaunch_of}). Secret script parameters were never stored:
 * they must be given again.
 */
@ApplicationScoped
public class RelaunchService {
    private final TaskQueries tasks;
    private final SshTaskService ssh;
    private final ScriptTaskService scripts;
    private final AnsibleTaskService ansible;

    public RelaunchService(
            TaskQueries tasks, SshTaskService ssh, ScriptTaskService scripts, AnsibleTaskService ansible) {
        this.tasks = tasks;
        this.ssh = ssh;
        this.scripts = scripts;
        this.ansible = ansible;
    }

    public Uni<Task> relaunch(
            TaskKind kind, String taskId, String hosts, Map<String, Object> parameters, Caller caller) {
        String which = hosts == null ? "failed" : hosts;
        if (!which.equals("failed") && !which.equals("all")) {
            throw ApiException.badRequest("invalid_parameter", "hosts must be failed or all");
        }
        return tasks.detail(kind, taskId).chain(d -> {
            Task t = d.task();
            if (!t.status().terminal()) {
                throw ApiException.conflict(
                        "task_running",
                        "task " + taskId + " is still " + t.status().wire() + ": cancel it or wait");
            }
            List<String> nodes = d.nodes().stream()
                    .filter(n -> which.equals("all") || !"success".equals(n.status()))
                    .map(TaskNode::node)
                    .toList();
            if (nodes.isEmpty()) {
                throw ApiException.conflict("nothing_to_relaunch", "task " + taskId + " has no failed nodes");
            }
            Map<String, Object> request = t.request() == null ? Map.of() : t.request();
            Integer timeout = request.get("timeout") instanceof Number n ? n.intValue() : null;
            return switch (kind) {
                case SSH ->
                    ssh.execute(
                            new SshTaskService.ExecuteSpec(
                                    t.clusterName(),
                                    nodes,
                                    t.credentialId(),
                                    t.command(),
                                    timeout,
                                    false,
                                    Boolean.TRUE.equals(request.get("exclusive"))),
                            caller);
                case SCRIPT ->
                    scripts.execute(
                            new ScriptTaskService.ExecuteSpec(
                                    t.refId(),
                                    t.clusterName(),
                                    nodes,
                                    t.credentialId(),
                                    scriptParameters(request, parameters),
                                    timeout,
                                    false,
                                    Boolean.TRUE.equals(request.get("exclusive"))),
                            caller);
                case ANSIBLE ->
                    ansible.run(
                            new AnsibleTaskService.RunSpec(
                                    t.refId(),
                                    t.clusterName(),
                                    nodes,
                                    t.credentialId(),
                                    (String) request.get("extra_args"),
                                    extraVars(request),
                                    Boolean.TRUE.equals(request.get("exclusive"))),
                            caller);
                default -> throw ApiException.badRequest("invalid_parameter", "workflows are resumed, not relaunched");
            };
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scriptParameters(Map<String, Object> request, Map<String, Object> given) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (request.get("parameters") instanceof Map<?, ?> stored) {
            ((Map<String, Object>) stored).forEach(merged::put);
        }
        if (given != null) {
            merged.putAll(given);
        }
        merged.forEach((name, value) -> {
            if ("***".equals(value)) {
                throw ApiException.unprocessable(
                        "invalid_parameter",
                        "parameter " + name + " is secret and was not stored: give it again in parameters");
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extraVars(Map<String, Object> request) {
        return request.get("extra_vars") instanceof Map<?, ?> vars ? (Map<String, Object>) vars : Map.of();
    }
}
