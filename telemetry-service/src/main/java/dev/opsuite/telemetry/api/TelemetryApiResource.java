package dev.opsuite.telemetry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.telemetry.domain.ExecutionFilter;
import dev.opsuite.telemetry.export.ExecutionExport;
import dev.opsuite.telemetry.ingest.ExitCodes;
import dev.opsuite.telemetry.ingest.ExitCodes.ExitCode;
import dev.opsuite.telemetry.records.RecordsService;
import dev.opsuite.telemetry.stats.Dashboard;
import dev.opsuite.telemetry.stats.DashboardService;
import dev.opsuite.telemetry.stats.StatsFilter;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The read API: anonymous, JSON (errors as problem+json). */
@Path("/api/v1/telemetry")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TelemetryApiResource {
    private final DashboardService dashboards;
    private final RecordsService records;
    private final ExecutionExport export;

    public TelemetryApiResource(DashboardService dashboards, RecordsService records, ExecutionExport export) {
        this.dashboards = dashboards;
        this.records = records;
        this.export = export;
    }

    @GET
    @Path("dashboard")
    public Dashboard dashboard(
            @QueryParam("days") Integer days, @QueryParam("repo") String repo, @QueryParam("app") String app) {
        return dashboards.dashboard(StatsFilter.of(days, 1, repo, app));
    }

    @GET
    @Path("records")
    public RecordsService.RecordsPage records(
            @QueryParam("page") Integer page,
            @QueryParam("limit") Integer limit,
            @QueryParam("status") String status,
            @QueryParam("app") String app,
            @QueryParam("os") String os,
            @QueryParam("type") String type,
            @QueryParam("sort") String sort,
            @QueryParam("days") Integer days) {
        return records.page(new RecordsService.RecordFilter(status, app, os, type, days), page, limit, sort);
    }

    @GET
    @Path("apps")
    public List<DashboardService.AppStats> apps(@QueryParam("days") Integer days, @QueryParam("repo") String repo) {
        return dashboards.apps(StatsFilter.of(days, 1, repo, null));
    }

    public record ErrorsAnswer(int days, List<Dashboard.ErrorPattern> patterns, List<Dashboard.Count> categories) {}

    @GET
    @Path("errors")
    public ErrorsAnswer errors(
            @QueryParam("days") Integer days, @QueryParam("repo") String repo, @QueryParam("app") String app) {
        StatsFilter filter = StatsFilter.of(days, 1, repo, app);
        return new ErrorsAnswer(filter.days(), dashboards.errors(filter, 50), dashboards.errorCategories(filter));
    }

    public record ExitCodeAnswer(
            int code,
            String description,
            String category,
            String group,
            @JsonProperty("error_description") String errorDescription) {
        static ExitCodeAnswer of(ExitCode e) {
            return new ExitCodeAnswer(
                    e.code(),
                    e.description(),
                    e.category(),
                    e.group(),
                    "Exit code " + e.code() + ": " + e.description());
        }
    }

    @GET
    @Path("exit-codes")
    public List<ExitCodeAnswer> exitCodes() {
        Collection<ExitCode> all = ExitCodes.all();
        List<ExitCodeAnswer> out = new ArrayList<>(all.size());
        all.forEach(e -> out.add(ExitCodeAnswer.of(e)));
        return out;
    }

    /** The seed's get_error_description. */
    @GET
    @Path("exit-codes/{code}")
    public ExitCodeAnswer exitCode(@PathParam("code") String code) {
        int value;
        try {
            value = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            throw ApiException.validation("exit code must be an integer", Map.of("code", "expected an integer"));
        }
        return ExitCodes.lookup(value)
                .map(ExitCodeAnswer::of)
                .orElseThrow(() -> ApiException.notFound("exit code " + value + " is not in the table"));
    }

    /** NDJSON or CSV of the executions created in [since, until), streamed from a cursor. */
    @GET
    @Path("export")
    @Produces({"application/x-ndjson", "text/csv", MediaType.APPLICATION_JSON})
    public Response export(
            @QueryParam("format") String format, @QueryParam("since") String since, @QueryParam("until") String until) {
        ExecutionExport.Format f = switch (format == null ? "ndjson" : format.toLowerCase()) {
            case "ndjson" -> ExecutionExport.Format.NDJSON;
            case "csv" -> ExecutionExport.Format.CSV;
            default -> throw ApiException.validation("format must be ndjson or csv", Map.of("format", "ndjson|csv"));
        };
        ExecutionFilter started = ExecutionFilter.all()
                .withStartedFrom(instant(since, "since"))
                .withStartedBefore(instant(until, "until"));
        StreamingOutput body = out -> export.write(out, f, ExecutionExport.COLUMNS, started);
        String type = f == ExecutionExport.Format.CSV ? "text/csv;charset=UTF-8" : "application/x-ndjson";
        String file = "telemetry-executions." + (f == ExecutionExport.Format.CSV ? "csv" : "ndjson");
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }

    /** 2026-11-01 (start of that day, UTC) or an RFC 3339 instant. */
    static OffsetDateTime instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return Instant.parse(value).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(
                    name + " must be a date (YYYY-MM-DD) or an RFC 3339 instant",
                    Map.of(name, "expected YYYY-MM-DD or RFC 3339"));
        }
    }
}
