package dev.opsuite.telemetry.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.paging.PageRequest;
import dev.opsuite.telemetry.domain.Execution;
import dev.opsuite.telemetry.domain.ExecutionEventRepository;
import dev.opsuite.telemetry.domain.ExecutionFilter;
import dev.opsuite.telemetry.domain.ExecutionOrder;
import dev.opsuite.telemetry.domain.ExecutionRepository;
import dev.opsuite.telemetry.domain.ReportedStatus;
import dev.opsuite.telemetry.stats.StatsFilter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row per execution (its latest status) with its status history, paged, filtered and sorted. */
@ApplicationScoped
public class RecordsService {
    /** sort key -> column, in the order the error message lists them */
    static final Map<String, ExecutionOrder.Column> SORTS = sorts();

    private final ExecutionRepository executions;
    private final ExecutionEventRepository events;

    public RecordsService(ExecutionRepository executions, ExecutionEventRepository events) {
        this.executions = executions;
        this.events = events;
    }

    public record RecordFilter(String status, String app, String os, String type, Integer days) {}

    public record HistoryEntry(
            String status,
            String protocol,
            @JsonProperty("exit_code") Integer exitCode,
            @JsonProperty("received_at") OffsetDateTime receivedAt,
            boolean applied) {}

    public record RecordsPage(
            List<ExecutionRecord> records,
            int page,
            int limit,
            long total,
            @JsonProperty("total_pages") long totalPages) {}

    public RecordsPage page(RecordFilter filter, Integer page, Integer limit, String sort) {
        PageRequest request = PageRequest.ofPage(page, limit, 50, 100);
        ExecutionOrder order = orderBy(sort);
        ExecutionFilter where = where(filter);
        long total = executions.count(where);
        List<Execution> rows = executions.page(where, order, request.limit(), request.offset());
        Map<String, List<ReportedStatus>> history =
                events.history(rows.stream().map(Execution::executionId).toList());
        List<ExecutionRecord> records = new ArrayList<>(rows.size());
        for (Execution e : rows) {
            records.add(ExecutionRecord.of(
                    e,
                    history.get(e.executionId()).stream()
                            .map(h -> new HistoryEntry(
                                    h.status(), h.protocol(), h.exitCode(), h.receivedAt(), h.applied()))
                            .toList()));
        }
        long pages = (total + request.limit() - 1) / request.limit();
        return new RecordsPage(records, request.page(), request.limit(), total, pages);
    }

    private static Map<String, ExecutionOrder.Column> sorts() {
        Map<String, ExecutionOrder.Column> sorts = new LinkedHashMap<>();
        sorts.put("created", ExecutionOrder.Column.STARTED_AT);
        sorts.put("nsapp", ExecutionOrder.Column.NSAPP);
        sorts.put("status", ExecutionOrder.Column.STATUS);
        sorts.put("os_type", ExecutionOrder.Column.OS_TYPE);
        sorts.put("type", ExecutionOrder.Column.TYPE);
        sorts.put("method", ExecutionOrder.Column.METHOD);
        sorts.put("exit_code", ExecutionOrder.Column.EXIT_CODE);
        return Collections.unmodifiableMap(sorts);
    }

    static ExecutionOrder orderBy(String sort) {
        if (sort == null || sort.isBlank()) {
            return ExecutionOrder.NEWEST_FIRST;
        }
        boolean desc = sort.startsWith("-");
        String key = desc ? sort.substring(1) : sort;
        ExecutionOrder.Column column = SORTS.get(key);
        if (column == null) {
            throw ApiException.validation(
                    "sort must be one of " + SORTS.keySet() + " (prefix - for descending)",
                    Map.of("sort", "unknown sort key " + key));
        }
        return new ExecutionOrder(column, desc);
    }

    static ExecutionFilter where(RecordFilter f) {
        ExecutionFilter where = ExecutionFilter.all();
        if (f.status() != null && !f.status().isBlank()) {
            where = where.withStatus(f.status().strip());
        }
        if (f.app() != null && !f.app().isBlank()) {
            where = where.withApp(f.app().strip());
        }
        if (f.os() != null && !f.os().isBlank()) {
            where = where.withOsType(f.os().strip());
        }
        if (f.type() != null && !f.type().isBlank()) {
            where = where.withType(f.type().strip());
        }
        if (f.days() != null && f.days() != 0) {
            StatsFilter range = StatsFilter.of(f.days(), 0, null, null);
            where = where.withStartedFrom(range.since().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        return where;
    }
}
