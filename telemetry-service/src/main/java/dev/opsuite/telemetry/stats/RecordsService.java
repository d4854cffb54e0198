package dev.opsuite.telemetry.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.paging.PageRequest;
import dev.opsuite.telemetry.domain.ExecutionRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** One row per execution (its latest status) with its status history, paged, filtered and sorted. */
@ApplicationScoped
public class RecordsService {
    /** sort key -> column */
    static final Map<String, String> SORTS = Map.of(
            "created",
            "started_at",
            "nsapp",
            "nsapp",
            "status",
            "status",
            "os_type",
            "os_type",
            "type",
            "type",
            "method",
            "method",
            "exit_code",
            "exit_code");

    private final DataSource dataSource;

    public RecordsService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record RecordFilter(String status, String app, String os, String type, Integer days) {}

    public record HistoryEntry(
            String status,
            String protocol,
            @JsonProperty("exit_code") Integer exitCode,
            @JsonProperty("received_at") OffsetDateTime receivedAt,
            boolean applied) {}

    public record RecordsPage(
            List<Map<String, Object>> records,
            int page,
            int limit,
            long total,
            @JsonProperty("total_pages") long totalPages) {}

    public RecordsPage page(RecordFilter filter, Integer page, Integer limit, String sort) {
        PageRequest request = PageRequest.ofPage(page, limit, 50, 100);
        String order = orderBy(sort);
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM executions" + where)) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Map<String, Object>> records = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + PUBLIC_COLUMNS + " FROM executions" + where
                    + " ORDER BY " + order + ", execution_id LIMIT ? OFFSET ?")) {
                List<Object> all = new ArrayList<>(params);
                all.add(request.limit());
                all.add(request.offset());
                bind(s, all);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        records.add(ExecutionRows.read(rs));
                    }
                }
            }
            attachHistory(c, records);
            long pages = (total + request.limit() - 1) / request.limit();
            return new RecordsPage(records, request.page(), request.limit(), total, pages);
        } catch (SQLException e) {
            throw new IllegalStateException("records query failed", e);
        }
    }

    /** What a record shows (no internal bookkeeping columns). */
    public static final String PUBLIC_COLUMNS = "execution_id, random_id, type, nsapp, status, current_step, os_type, "
            + "os_version, pve_version, method, exit_code, error, error_category, install_duration, repo_source, repo_slug, "
            + "ct_type, disk_size, core_count, ram_size, gpu_vendor, gpu_passthrough, cpu_vendor, gpu_model, cpu_model, "
            + "ram_speed, has_arm, payload_version, arch, platform, failed_command, failed_line, kernel_version, "
            + "app_version, protocol, started_at AS created, finished_at, updated_at";

    private static void attachHistory(Connection c, List<Map<String, Object>> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        Map<String, List<HistoryEntry>> byId = new LinkedHashMap<>();
        for (Map<String, Object> r : records) {
            List<HistoryEntry> h = new ArrayList<>();
            byId.put((String) r.get("execution_id"), h);
            r.put("history", h);
        }
        try (PreparedStatement s =
                c.prepareStatement("SELECT execution_id, status, protocol, exit_code, received_at, applied"
                        + " FROM execution_events WHERE execution_id = ANY (?) ORDER BY received_at, event_id")) {
            s.setArray(1, c.createArrayOf("varchar", byId.keySet().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byId.get(rs.getString(1))
                            .add(new HistoryEntry(
                                    rs.getString(2),
                                    rs.getString(3),
                                    (Integer) rs.getObject(4),
                                    rs.getObject(5, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                                    rs.getBoolean(6)));
                }
            }
        }
    }

    static String orderBy(String sort) {
        if (sort == null || sort.isBlank()) {
            return "started_at DESC";
        }
        boolean desc = sort.startsWith("-");
        String key = desc ? sort.substring(1) : sort;
        String column = SORTS.get(key);
        if (column == null) {
            throw ApiException.validation(
                    "sort must be one of " + SORTS.keySet() + " (prefix - for descending)",
                    Map.of("sort", "unknown sort key " + key));
        }
        return column + (desc ? " DESC NULLS LAST" : " ASC NULLS LAST");
    }

    static String where(RecordFilter f, List<Object> params) {
        StringBuilder w = new StringBuilder(" WHERE true");
        if (f.status() != null && !f.status().isBlank()) {
            w.append(" AND status = ?");
            params.add(f.status().strip());
        }
        if (f.app() != null && !f.app().isBlank()) {
            w.append(" AND nsapp = ?");
            params.add(f.app().strip());
        }
        if (f.os() != null && !f.os().isBlank()) {
            w.append(" AND os_type = ?");
            params.add(f.os().strip());
        }
        if (f.type() != null && !f.type().isBlank()) {
            w.append(" AND type = ?");
            params.add(f.type().strip());
        }
        if (f.days() != null && f.days() != 0) {
            StatsFilter range = StatsFilter.of(f.days(), 0, null, null);
            w.append(" AND started_at >= ?");
            params.add(range.since().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        return w.toString();
    }

    static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
    }
}
