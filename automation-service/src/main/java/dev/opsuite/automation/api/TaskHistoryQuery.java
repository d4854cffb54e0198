package dev.opsuite.automation.api;

import dev.opsuite.automation.api.TaskViews.History;
import dev.opsuite.automation.domain.HistoryFilter;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.task.TaskQueries;
import dev.opsuite.common.paging.PageRequest;
import io.smallrye.mutiny.Uni;

/**
 * The {@code GET …/history} of every task kind: the same six query parameters, checked the same way
 * (400 naming the parameter), and the same page of task summaries.
 */
final class TaskHistoryQuery {
    private TaskHistoryQuery() {}

    static Uni<Envelope<History>> page(
            TaskQueries tasks,
            TaskKind kind,
            String cluster,
            String status,
            String startDate,
            String endDate,
            String page,
            String pageSize) {
        PageRequest p = Params.page(page, pageSize);
        HistoryFilter filter = new HistoryFilter(
                kind,
                Params.optionalText("cluster_name", cluster),
                Params.optionalText("status", status),
                Params.optionalDate("start_date", startDate),
                Params.optionalDate("end_date", endDate));
        return tasks.history(filter, p.offset(), p.limit()).map(h -> Envelope.ok(TaskViews.history(h)));
    }
}
