package dev.opsuite.automation.workflow;

import dev.opsuite.automation.domain.WorkflowDefinition;
import dev.opsuite.automation.domain.WorkflowDefinition.Step;
import dev.opsuite.automation.safety.CommandPolicy;
import dev.opsuite.common.error.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a workflow definition before it is stored: unique step ids, known dependencies, no cycles
 * (the 422 names one), known types and actions, what each type needs, sane timeouts and retries, and
 * the dangerous-command check on ssh steps. Referenced scripts and playbooks are checked by the
 * service against the database.
 */
public final class WorkflowValidator {
    public static final Set<String> TYPES = Set.of("ssh", "script", "ansible", "k8s");
    public static final Set<String> K8S_ACTIONS = Set.of("cordon", "uncordon", "drain", "wait_ready");
    static final Set<String> WHEN = Set.of("on_success", "on_failure", "always");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final int MAX_STEPS = 100;

    private WorkflowValidator() {}

    public static void validate(WorkflowDefinition definition, CommandPolicy policy, boolean allowSuspicious) {
        if (definition == null
                || definition.steps() == null
                || definition.steps().isEmpty()) {
            throw ApiException.unprocessable("invalid_workflow", "definition.steps must contain at least one step");
        }
        List<Step> steps = definition.steps();
        if (steps.size() > MAX_STEPS) {
            throw ApiException.unprocessable("invalid_workflow", "a workflow has at most " + MAX_STEPS + " steps");
        }
        Map<String, Step> byId = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s == null || s.id() == null || !ID.matcher(s.id()).matches()) {
                throw ApiException.unprocessable(
                        "invalid_workflow", "steps[" + i + "].id must be 1-64 letters, digits, '.', '_' or '-'");
            }
            if (byId.put(s.id(), s) != null) {
                throw ApiException.unprocessable("invalid_workflow", "step id " + s.id() + " is used twice");
            }
        }
        for (Step s : steps) {
            String where = "step " + s.id();
            if (s.type() == null || !TYPES.contains(s.type())) {
                throw ApiException.unprocessable(
                        "invalid_workflow", where + ": type must be one of ssh, script, ansible, k8s");
            }
            switch (s.type()) {
                case "ssh" -> {
                    if (s.command() == null || s.command().isBlank()) {
                        throw ApiException.unprocessable("invalid_workflow", where + ": an ssh step needs command");
                    }
                    policy.check(where + " command", s.command(), allowSuspicious);
                }
                case "script" -> {
                    if (s.scriptId() == null) {
                        throw ApiException.unprocessable("invalid_workflow", where + ": a script step needs script_id");
                    }
                }
                case "ansible" -> {
                    if (s.playbookId() == null) {
                        throw ApiException.unprocessable(
                                "invalid_workflow", where + ": an ansible step needs playbook_id");
                    }
                }
                default -> {
                    if (s.action() == null || !K8S_ACTIONS.contains(s.action())) {
                        throw ApiException.unprocessable(
                                "invalid_workflow", where + ": a k8s step needs action " + K8S_ACTIONS);
                    }
                }
            }
            if (s.timeout() != null && (s.timeout() < 1 || s.timeout() > 86_400)) {
                throw ApiException.unprocessable("invalid_workflow", where + ": timeout must be 1-86400 seconds");
            }
            if (s.when() != null && !WHEN.contains(s.when())) {
                throw ApiException.unprocessable(
                        "invalid_workflow", where + ": when must be on_success, on_failure or always");
            }
            if (s.retry() != null) {
                Integer attempts = s.retry().maxAttempts();
                Integer delay = s.retry().delay();
                if (attempts == null
                        || attempts < 1
                        || attempts > 10
                        || (delay != null && (delay < 0 || delay > 3600))) {
                    throw ApiException.unprocessable(
                            "invalid_workflow", where + ": retry needs max_attempts 1-10 and delay 0-3600 seconds");
                }
            }
            if (s.parameters() != null) {
                s.parameters().forEach((name, value) -> {
                    if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                        throw ApiException.unprocessable(
                                "invalid_workflow",
                                where + ": parameter name " + name + " is not an environment variable name");
                    }
                });
            }
            for (String dep : s.deps()) {
                if (!byId.containsKey(dep)) {
                    throw ApiException.unprocessable("invalid_workflow", where + " depends on unknown step " + dep);
                }
                if (dep.equals(s.id())) {
                    throw ApiException.unprocessable(
                            "invalid_workflow", "dependency cycle: " + s.id() + " → " + s.id());
                }
            }
        }
        List<String> cycle = findCycle(byId);
        if (cycle != null) {
            throw ApiException.unprocessable("workflow_cycle", "dependency cycle: " + String.join(" → ", cycle))
                    .withTitle("工作流验证失败");
        }
    }

    /** A cycle as step ids (first repeated at the end), or null. */
    static List<String> findCycle(Map<String, Step> byId) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the stack, 2 = done
        for (String start : byId.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, byId, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        return null;
    }

    private static List<String> visit(
            String id, Map<String, Step> byId, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return null;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            return cycle;
        }
        state.put(id, 1);
        path.add(id);
        for (String dep : byId.get(id).deps()) {
            List<String> cycle = visit(dep, byId, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
        return null;
    }

    /** Ids of referenced scripts and playbooks, for the existence check. */
    public static Set<Long> scriptIds(WorkflowDefinition d) {
        Set<Long> ids = new HashSet<>();
        d.steps().forEach(s -> {
            if (s.scriptId() != null) {
                ids.add(s.scriptId());
            }
        });
        return ids;
    }

    public static Set<Long> playbookIds(WorkflowDefinition d) {
        Set<Long> ids = new HashSet<>();
        d.steps().forEach(s -> {
            if (s.playbookId() != null) {
                ids.add(s.playbookId());
            }
        });
        return ids;
    }
}
