package dev.opsuite.automation.schedule;

import dev.opsuite.automation.ansible.AnsibleTaskService;
import dev.opsuite.automation.domain.Caller;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.safety.CommandPolicy;
import dev.opsuite.automation.scripts.ScriptTaskService;
import dev.opsuite.automation.ssh.SshTaskService;
import dev.opsuite.automation.workflow.WorkflowTaskService;
import dev.opsuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a schedule's stored request (the same body as the matching execute endpoint) into a run, and
 * checks such a request when the schedule is saved.
 */
@ApplicationScoped
public class ScheduledRuns {
    static final Set<String> KINDS = Set.of("ssh", "script", "ansible", "workflow");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "ssh", Set.of("cluster_name", "target_nodes", "credential_id", "command", "timeout", "exclusive"),
            "script",
                    Set.of(
                            "script_id",
                            "cluster_name",
                            "target_nodes",
                            "credential_id",
                            "parameters",
                            "timeout",
                            "exclusive"),
            "ansible",
                    Set.of(
                            "playbook_id",
                            "cluster_name",
                            "target_nodes",
                            "credential_id",
                            "extra_args",
                            "extra_vars",
                            "exclusive"),
            "workflow",
                    Set.of("workflow_id", "cluster_name", "target_nodes", "credential_id", "parameters", "exclusive"));

    private final SshTaskService ssh;
    private final ScriptTaskService scripts;
    private final AnsibleTaskService ansible;
    private final WorkflowTaskService workflows;
    private final CommandPolicy policy;

    public ScheduledRuns(
            SshTaskService ssh,
            ScriptTaskService scripts,
            AnsibleTaskService ansible,
            WorkflowTaskService workflows,
            CommandPolicy policy) {
        this.ssh = ssh;
        this.scripts = scripts;
        this.ansible = ansible;
        this.workflows = workflows;
        this.policy = policy;
    }

    /** 422 naming the field when the request cannot be what the kind's execute endpoint takes. */
    void check(String kind, Map<String, Object> r) {
        if (!KINDS.contains(kind)) {
            throw ApiException.unprocessable("invalid_schedule", "kind must be one of ssh, script, ansible, workflow");
        }
        if (r == null) {
            throw ApiException.unprocessable("invalid_schedule", "request (the execute body) is required");
        }
        for (String key : r.keySet()) {
            if (!FIELDS.get(kind).contains(key)) {
                throw ApiException.unprocessable(
                        "invalid_schedule", "request." + key + " is not a field of a " + kind + " run");
            }
        }
        text(r, "cluster_name", true);
        nodes(r);
        id(r, "credential_id", false);
        switch (kind) {
            case "ssh" -> policy.check("command", text(r, "command", true), false);
            case "script" -> id(r, "script_id", true);
            case "ansible" -> id(r, "playbook_id", true);
            default -> id(r, "workflow_id", true);
        }
    }

    Uni<Task> fire(String kind, Map<String, Object> r, Caller caller) {
        String cluster = text(r, "cluster_name", true);
        List<String> nodes = nodes(r);
        Long credential = id(r, "credential_id", false);
        boolean exclusive = Boolean.TRUE.equals(r.get("exclusive"));
        Integer timeout = r.get("timeout") instanceof Number n ? n.intValue() : null;
        return switch (kind) {
            case "ssh" ->
                ssh.execute(
                        new SshTaskService.ExecuteSpec(
                                cluster, nodes, credential, text(r, "command", true), timeout, false, exclusive),
                        caller);
            case "script" ->
                scripts.execute(
                        new ScriptTaskService.ExecuteSpec(
                                id(r, "script_id", true),
                                cluster,
                                nodes,
                                credential,
                                map(r, "parameters"),
                                timeout,
                                false,
                                exclusive),
                        caller);
            case "ansible" ->
                ansible.run(
                        new AnsibleTaskService.RunSpec(
                                id(r, "playbook_id", true),
                                cluster,
                                nodes,
                                credential,
                                (String) r.get("extra_args"),
                                map(r, "extra_vars"),
                                exclusive),
                        caller);
            default ->
                workflows.execute(
                        new WorkflowTaskService.ExecuteSpec(
                                id(r, "workflow_id", true),
                                cluster,
                                nodes,
                                credential,
                                map(r, "parameters"),
                                false,
                                exclusive),
                        caller);
        };
    }

    private static String text(Map<String, Object> r, String key, boolean required) {
        Object v = r.get(key);
        if (v == null && !required) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw ApiException.unprocessable("invalid_schedule", "request." + key + " must be a non-empty string");
        }
        return s;
    }

    private static Long id(Map<String, Object> r, String key, boolean required) {
        Object v = r.get(key);
        if (v == null && !required) {
            return null;
        }
        if (!(v instanceof Number n) || n.longValue() <= 0 || v instanceof Double || v instanceof Float) {
            throw ApiException.unprocessable("invalid_schedule", "request." + key + " must be a positive integer");
        }
        return n.longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> nodes(Map<String, Object> r) {
        Object v = r.get("target_nodes");
        if (!(v instanceof List<?> l) || l.isEmpty() || !l.stream().allMatch(x -> x instanceof String)) {
            throw ApiException.unprocessable(
                    "invalid_schedule", "request.target_nodes must be a non-empty list of node names");
        }
        return (List<String>) l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> r, String key) {
        Object v = r.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw ApiException.unprocessable("invalid_schedule", "request." + key + " must be an object");
        }
        return (Map<String, Object>) v;
    }
}
