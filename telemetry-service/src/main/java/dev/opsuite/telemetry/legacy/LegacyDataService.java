package dev.opsuite.telemetry.legacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.common.paging.PageRequest;
import dev.opsuite.telemetry.domain.ExecutionFilter;
import dev.opsuite.telemetry.domain.ExecutionOrder;
import dev.opsuite.telemetry.domain.ExecutionRepository;
import dev.opsuite.telemetry.domain.RollupFilter;
import dev.opsuite.telemetry.domain.RollupRepository;
import dev.opsuite.telemetry.domain.RollupRepository.AppStatusCount;
import dev.opsuite.telemetry.export.ExecutionExport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reads of the 2025 legacy API (/data/*), for the dashboards and scripts built on it: records
 * with the legacy field names (lists streamed from a cursor), all-time summaries from the rollups.
 */
@ApplicationScoped
public class LegacyDataService {
    private static final int MAX_ERRORS = 100;

    private final ExecutionRepository executions;
    private final RollupRepository rollups;
    private final ExecutionExport export;

    public LegacyDataService(ExecutionRepository executions, RollupRepository rollups, ExecutionExport export) {
        this.executions = executions;
        this.rollups = rollups;
        this.export = export;
    }

    /** The filtered executions as one JSON array, oldest first. */
    public void stream(ExecutionFilter filter, OutputStream out) throws IOException {
        export.write(out, ExecutionExport.Format.JSON_ARRAY, LegacyRecord.COLUMNS, filter);
    }

    public record LegacyPage(
            List<LegacyRecord> records,
            int page,
            int limit,
            long total,
            @JsonProperty("total_pages") long totalPages) {}

    /** A page of all executions, newest first. */
    public LegacyPage page(Integer page, Integer limit) {
        PageRequest request = PageRequest.ofPage(page, limit, 10, 100);
        long total = executions.count(ExecutionFilter.all());
        List<LegacyRecord> rows =
                executions
                        .page(ExecutionFilter.all(), ExecutionOrder.NEWEST_FIRST, request.limit(), request.offset())
                        .stream()
                        .map(LegacyRecord::of)
                        .toList();
        return new LegacyPage(
                rows, request.page(), request.limit(), total, (total + request.limit() - 1) / request.limit());
    }

    public record Summary(
            @JsonProperty("total_entries") long totalEntries,
            @JsonProperty("status_count") Map<String, Long> statusCount,
            @JsonProperty("nsapp_count") Map<String, Long> nsappCount) {}

    /** All-time totals per status and app (from the rollups). */
    public Summary summary() {
        Map<String, Long> status = new TreeMap<>();
        Map<String, Long> apps = new TreeMap<>();
        for (AppStatusCount row : rollups.appStatusCounts(RollupFilter.ALL_TIME)) {
            if (row.executions() > 0) {
                apps.merge(row.app(), row.executions(), Long::sum);
                status.merge(row.status(), row.executions(), Long::sum);
            }
        }
        return new Summary(status.values().stream().mapToLong(Long::longValue).sum(), status, apps);
    }

    public record ErrorCount(String error, long count) {}

    /** All-time error patterns of failed executions with their counts, most frequent first. */
    public List<ErrorCount> errors() {
        return rollups.topPatterns(MAX_ERRORS).stream()
                .map(p -> new ErrorCount(p.pattern(), p.executions()))
                .toList();
    }
}
