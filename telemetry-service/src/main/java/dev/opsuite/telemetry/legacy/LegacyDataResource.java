package dev.opsuite.telemetry.legacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.paging.PageRequest;
import dev.opsuite.telemetry.domain.ExecutionRows;
import dev.opsuite.telemetry.stats.ExecutionExport;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The read endpoints of the 2025 legacy API (/data/*), for the dashboards and scripts built on it.
 * Records have the legacy field names; list endpoints stream their JSON array from a cursor.
 */
@Path("/data")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class LegacyDataResource {
    static final String LEGACY_COLUMNS =
            "random_id, execution_id, type, nsapp, status, ct_type, disk_size, core_count, "
                    + "ram_size, os_type, os_version, pve_version, method, error, exit_code, started_at AS created_at";

    private final DataSource dataSource;
    private final ExecutionExport export;

    public LegacyDataResource(DataSource dataSource, ExecutionExport export) {
        this.dataSource = dataSource;
        this.export = export;
    }

    @GET
    @Path("json")
    public Response all() {
        return stream(" WHERE true", List.of());
    }

    @GET
    @Path("nsapp")
    public Response byApp(@QueryParam("nsapp") String nsapp) {
        return stream(" WHERE nsapp = ?", List.of(required(nsapp, "nsapp")));
    }

    @GET
    @Path("status")
    public Response byStatus(@QueryParam("status") String status) {
        return stream(" WHERE status = ?", List.of(required(status, "status")));
    }

    @GET
    @Path("os")
    public Response byOs(@QueryParam("os_type") String osType, @QueryParam("os_version") String osVersion) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE os_type = ?");
        params.add(required(osType, "os_type"));
        if (osVersion != null && !osVersion.isBlank()) {
            where.append(" AND os_version = ?");
            params.add(osVersion.strip());
        }
        return stream(where.toString(), params);
    }

    /** start_date and end_date (YYYY-MM-DD, inclusive, UTC). */
    @GET
    @Path("date")
    public Response byDate(@QueryParam("start_date") String start, @QueryParam("end_date") String end) {
        LocalDate from = date(required(start, "start_date"), "start_date");
        LocalDate to = date(required(end, "end_date"), "end_date");
        return stream(
                " WHERE started_at >= ? AND started_at < ?",
                List.of(
                        from.atStartOfDay().atOffset(ZoneOffset.UTC),
                        to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)));
    }

    public record LegacyPage(
            List<Map<String, Object>> records,
            int page,
            int limit,
            long total,
            @JsonProperty("total_pages") long totalPages) {}

    @GET
    @Path("paginated")
    public LegacyPage paginated(@QueryParam("page") Integer page, @QueryParam("limit") Integer limit) {
        PageRequest request = PageRequest.ofPage(page, limit, 10, 100);
        try (Connection c = dataSource.getConnection()) {
            long total = count(c, "SELECT count(*) FROM executions");
            List<Map<String, Object>> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + LEGACY_COLUMNS
                    + " FROM executions ORDER BY started_at DESC, execution_id LIMIT ? OFFSET ?")) {
                s.setInt(1, request.limit());
                s.setInt(2, request.offset());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(ExecutionRows.read(rs));
                    }
                }
            }
            return new LegacyPage(
                    rows, request.page(), request.limit(), total, (total + request.limit() - 1) / request.limit());
        } catch (SQLException e) {
            throw new IllegalStateException("legacy page failed", e);
        }
    }

    public record Summary(
            @JsonProperty("total_entries") long totalEntries,
            @JsonProperty("status_count") Map<String, Long> statusCount,
            @JsonProperty("nsapp_count") Map<String, Long> nsappCount) {}

    /** All-time totals per status and app (from the rollups). */
    @GET
    @Path("summary")
    public Summary summary() {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> status = new TreeMap<>();
            Map<String, Long> apps = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT nsapp, status, sum(executions) FROM rollup_apps_daily"
                            + " GROUP BY nsapp, status HAVING sum(executions) > 0");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    apps.merge(rs.getString(1), rs.getLong(3), Long::sum);
                    status.merge(rs.getString(2), rs.getLong(3), Long::sum);
                }
            }
            return new Summary(
                    status.values().stream().mapToLong(Long::longValue).sum(), status, apps);
        } catch (SQLException e) {
            throw new IllegalStateException("legacy summary failed", e);
        }
    }

    public record ErrorCount(String error, long count) {}

    /** All-time error patterns of failed executions with their counts. */
    @GET
    @Path("errors")
    public List<ErrorCount> errors() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT pattern, sum(executions) AS n FROM rollup_errors_daily"
                        + " GROUP BY pattern HAVING sum(executions) > 0 ORDER BY n DESC, pattern LIMIT 100");
                ResultSet rs = s.executeQuery()) {
            List<ErrorCount> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ErrorCount(rs.getString(1), rs.getLong(2)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("legacy errors failed", e);
        }
    }

    private Response stream(String where, List<Object> params) {
        StreamingOutput body =
                out -> export.write(out, ExecutionExport.Format.JSON_ARRAY, LEGACY_COLUMNS, where, params);
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.validation(name + " is required", new LinkedHashMap<>(Map.of(name, "required")));
        }
        return value.strip();
    }

    private static LocalDate date(String value, String name) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(name + " must be YYYY-MM-DD", Map.of(name, "expected YYYY-MM-DD"));
        }
    }
}
