package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.domain.TaskNode;
import dev.opsuite.automation.domain.WorkflowStep;
import dev.opsuite.automation.task.TaskQueries;
import java.time.OffsetDateTime;
import java.util.List;

/** How tasks look on the wire (the seed's shapes; fields a kind does not have are left out). */
public final class TaskViews {
    private TaskViews() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeView(
            String node,
            String host,
            String status,
            @JsonProperty("exit_code") Integer exitCode,
            String stdout,
            String stderr,
            String message,
            Double duration) {

        static NodeView of(TaskNode n, TaskKind kind) {
            if (kind == TaskKind.ANSIBLE) {
                return new NodeView(
                        n.node(),
                        null,
                        n.status(),
                        null,
                        null,
                        null,
                        n.message() == null ? "" : n.message(),
                        n.durationSeconds());
            }
            return new NodeView(
                    n.node(),
                    n.host(),
                    n.status(),
                    n.exitCode(),
                    nz(n.stdout()),
                    nz(n.stderr()),
                    n.message(),
                    n.durationSeconds());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(
            String id,
            String name,
            String type,
            String status,
            Integer attempts,
            @JsonProperty("start_time") OffsetDateTime startTime,
            @JsonProperty("end_time") OffsetDateTime endTime,
            Long duration,
            String result,
            String message,
            Integer progress) {

        static StepView of(WorkflowStep s) {
            return new StepView(
                    s.stepId(),
                    s.name(),
                    s.type(),
                    s.status(),
                    s.attempts() == 0 ? null : s.attempts(),
                    s.startTime(),
                    s.endTime(),
                    s.durationSeconds(),
                    s.result(),
                    s.message(),
                    "running".equals(s.status()) || "completed".equals(s.status()) ? s.progress() : null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskView(
            Long id,
            @JsonProperty("task_id") String taskId,
            String status,
            String outcome,
            String error,
            @JsonProperty("cluster_name") String clusterName,
            @JsonProperty("target_nodes") List<String> targetNodes,
            String command,
            @JsonProperty("playbook_id") Long playbookId,
            @JsonProperty("playbook_name") String playbookName,
            @JsonProperty("script_id") Long scriptId,
            @JsonProperty("script_name") String scriptName,
            @JsonProperty("workflow_id") Long workflowId,
            @JsonProperty("workflow_name") String workflowName,
            @JsonProperty("current_step") String currentStep,
            @JsonProperty("waiting_for") List<String> waitingFor,
            @JsonProperty("total_steps") Integer totalSteps,
            Integer progress,
            String message,
            @JsonProperty("success_count") Integer successCount,
            @JsonProperty("failed_count") Integer failedCount,
            @JsonProperty("start_time") OffsetDateTime startTime,
            @JsonProperty("end_time") OffsetDateTime endTime,
            Long duration,
            String output,
            List<NodeView> results,
            List<StepView> steps,
            @JsonProperty("user_id") String userId,
            String username) {}

    public record History(long total, List<TaskView> executions) {}

    /** The answer of an execute call. */
    static TaskView started(Task t) {
        return new TaskView(
                null,
                t.taskId(),
                t.status().wire(),
                null,
                null,
                t.clusterName(),
                t.targetNodes(),
                t.command(),
                ref(t, TaskKind.ANSIBLE),
                name(t, TaskKind.ANSIBLE),
                ref(t, TaskKind.SCRIPT),
                name(t, TaskKind.SCRIPT),
                ref(t, TaskKind.WORKFLOW),
                name(t, TaskKind.WORKFLOW),
                t.currentStep(),
                waiting(t),
                t.totalSteps(),
                null,
                null,
                null,
                null,
                t.startTime(),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static TaskView detail(TaskQueries.Detail d) {
        Task t = d.task();
        return new TaskView(
                null,
                t.taskId(),
                t.status().wire(),
                t.outcome(),
                t.error(),
                t.clusterName(),
                t.targetNodes(),
                t.command(),
                ref(t, TaskKind.ANSIBLE),
                name(t, TaskKind.ANSIBLE),
                ref(t, TaskKind.SCRIPT),
                name(t, TaskKind.SCRIPT),
                ref(t, TaskKind.WORKFLOW),
                name(t, TaskKind.WORKFLOW),
                t.currentStep(),
                waiting(t),
                t.totalSteps(),
                t.progress(),
                t.message(),
                t.successCount(),
                t.failedCount(),
                t.startTime(),
                t.endTime(),
                t.durationSeconds(),
                t.kind() == TaskKind.ANSIBLE ? nz(t.output()) : null,
                t.kind() == TaskKind.WORKFLOW
                        ? null
                        : d.nodes().stream().map(n -> NodeView.of(n, t.kind())).toList(),
                t.kind() == TaskKind.WORKFLOW
                        ? d.steps().stream().map(StepView::of).toList()
                        : null,
                t.userId(),
                t.username());
    }

    static TaskView historyItem(Task t) {
        return new TaskView(
                t.id(),
                t.taskId(),
                t.status().wire(),
                t.outcome(),
                t.error(),
                t.clusterName(),
                t.targetNodes(),
                t.command(),
                ref(t, TaskKind.ANSIBLE),
                name(t, TaskKind.ANSIBLE),
                ref(t, TaskKind.SCRIPT),
                name(t, TaskKind.SCRIPT),
                ref(t, TaskKind.WORKFLOW),
                name(t, TaskKind.WORKFLOW),
                null,
                waiting(t),
                t.totalSteps(),
                null,
                null,
                t.successCount(),
                t.failedCount(),
                t.startTime(),
                t.endTime(),
                t.durationSeconds(),
                null,
                null,
                null,
                t.userId(),
                t.username());
    }

    static History history(TaskQueries.HistoryPage page) {
        return new History(
                page.total(), page.tasks().stream().map(TaskViews::historyItem).toList());
    }

    private static List<String> waiting(Task t) {
        return t.waitingFor() == null || t.waitingFor().isEmpty()
                ? null
                : List.of(t.waitingFor().split(","));
    }

    private static Long ref(Task t, TaskKind kind) {
        return t.kind() == kind ? t.refId() : null;
    }

    private static String name(Task t, TaskKind kind) {
        return t.kind() == kind ? t.refName() : null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
