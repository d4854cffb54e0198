package dev.opsuite.telemetry.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.telemetry.domain.ExecutionFilter;
import dev.opsuite.telemetry.legacy.LegacyDataService;
import dev.opsuite.telemetry.legacy.LegacyDataService.ErrorCount;
import dev.opsuite.telemetry.legacy.LegacyDataService.LegacyPage;
import dev.opsuite.telemetry.legacy.LegacyDataService.Summary;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read endpoints of the 2025 legacy API (/data/*), for the dashboards and scripts built on it.
 * Records have the legacy field names; list endpoints stream their JSON array from a cursor.
 */
@Path("/data")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class LegacyDataResource {
    private final LegacyDataService legacy;

    public LegacyDataResource(LegacyDataService legacy) {
        this.legacy = legacy;
    }

    @GET
    @Path("json")
    public Response all() {
        return stream(ExecutionFilter.all());
    }

    @GET
    @Path("nsapp")
    public Response byApp(@QueryParam("nsapp") String nsapp) {
        return stream(ExecutionFilter.all().withApp(required(nsapp, "nsapp")));
    }

    @GET
    @Path("status")
    public Response byStatus(@QueryParam("status") String status) {
        return stream(ExecutionFilter.all().withStatus(required(status, "status")));
    }

    @GET
    @Path("os")
    public Response byOs(@QueryParam("os_type") String osType, @QueryParam("os_version") String osVersion) {
        ExecutionFilter filter = ExecutionFilter.all().withOsType(required(osType, "os_type"));
        if (osVersion != null && !osVersion.isBlank()) {
            filter = filter.withOsVersion(osVersion.strip());
        }
        return stream(filter);
    }

    /** start_date and end_date (YYYY-MM-DD, inclusive, UTC). */
    @GET
    @Path("date")
    public Response byDate(@QueryParam("start_date") String start, @QueryParam("end_date") String end) {
        LocalDate from = date(required(start, "start_date"), "start_date");
        LocalDate to = date(required(end, "end_date"), "end_date");
        return stream(ExecutionFilter.all()
                .withStartedFrom(from.atStartOfDay().atOffset(ZoneOffset.UTC))
                .withStartedBefore(to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)));
    }

    @GET
    @Path("paginated")
    public LegacyPage paginated(@QueryParam("page") Integer page, @QueryParam("limit") Integer limit) {
        return legacy.page(page, limit);
    }

    /** All-time totals per status and app (from the rollups). */
    @GET
    @Path("summary")
    public Summary summary() {
        return legacy.summary();
    }

    /** All-time error patterns of failed executions with their counts. */
    @GET
    @Path("errors")
    public List<ErrorCount> errors() {
        return legacy.errors();
    }

    private Response stream(ExecutionFilter filter) {
        StreamingOutput body = out -> legacy.stream(filter, out);
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
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
