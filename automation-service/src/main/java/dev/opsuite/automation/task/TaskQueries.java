package dev.opsuite.automation.task;

import dev.opsuite.automation.audit.RunAudit;
import dev.opsuite.automation.domain.HistoryFilter;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.domain.TaskNode;
import dev.opsuite.automation.domain.TaskStatus;
import dev.opsuite.automation.domain.TaskStore;
import dev.opsuite.automation.domain.WorkflowStep;
import dev.opsuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Status, history and cancel of tasks of one kind. */
@ApplicationScoped
public class TaskQueries {
    public record Detail(Task task, List<TaskNode> nodes, List<WorkflowStep> steps) {}

    public record HistoryPage(long total, List<Task> tasks) {}

    private final TaskStore store;
    private final TaskEngine engine;

    private final RunAudit audit;

    public TaskQueries(TaskStore store, TaskEngine engine, RunAudit audit) {
        this.audit = audit;
        this.store = store;
        this.engine = engine;
    }

    public Uni<Detail> detail(TaskKind kind, String taskId) {
        return find(kind, taskId)
                .chain(t -> store.nodes(taskId)
                        .chain(nodes -> kind == TaskKind.WORKFLOW
                                ? store.steps(taskId).map(steps -> new Detail(t, nodes, steps))
                                : Uni.createFrom().item(new Detail(t, nodes, List.of()))));
    }

    public Uni<HistoryPage> history(HistoryFilter filter, int offset, int limit) {
        if (filter.status() != null && !TaskStatus.isWire(filter.status())) {
            throw ApiException.badRequest(
                    "invalid_parameter", "status must be one of pending, running, completed, failed, cancelled");
        }
        return store.count(filter)
                .chain(total -> store.history(filter, offset, limit).map(list -> new HistoryPage(total, list)));
    }

    /** 404 unknown, 409 already finished, else requests the cancel and returns the task. */
    public Uni<Task> cancel(TaskKind kind, String taskId) {
        return find(kind, taskId).chain(t -> {
            if (t.status().terminal()) {
                throw ApiException.conflict(
                        "task_finished",
                        "task " + taskId + " already " + t.status().wire());
            }
            return engine.cancel(taskId).replaceWith(t).call(audit::cancelled);
        });
    }

    Uni<Task> find(TaskKind kind, String taskId) {
        if (!TaskIds.looksValid(taskId)) {
            throw ApiException.notFound("任务 " + clip(taskId) + " 不存在");
        }
        return store.find(taskId)
                .map(found -> found.filter(t -> t.kind() == kind)
                        .orElseThrow(() -> ApiException.notFound("任务 " + taskId + " 不存在")));
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
