package dev.opsuite.telemetry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.telemetry.TelemetryConfig;
import dev.opsuite.telemetry.maintenance.RetentionJob;
import dev.opsuite.telemetry.maintenance.RollupRebuild;
import dev.opsuite.telemetry.maintenance.StuckExecutionSweeper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Run the maintenance jobs now: admin only. */
@Path("/api/v1/telemetry/admin")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final StuckExecutionSweeper sweeper;
    private final RetentionJob retention;
    private final RollupRebuild rollups;
    private final Duration stuckAfter;

    public AdminResource(
            StuckExecutionSweeper sweeper, RetentionJob retention, RollupRebuild rollups, TelemetryConfig config) {
        this.sweeper = sweeper;
        this.rollups = rollups;
        this.retention = retention;
        this.stuckAfter = config.sweeper().stuckAfter();
    }

    public record SweepResult(
            int swept, @JsonProperty("stuck_after_seconds") long stuckAfterSeconds) {}

    public record RebuildResult(
            String since,
            long executions,
            @JsonProperty("apps_rows") long appsRows,
            @JsonProperty("rollup_rows") long rollupRows,
            @JsonProperty("dims_rows") long dimsRows,
            @JsonProperty("error_rows") long errorRows,
            @JsonProperty("day_total_rows") long dayTotalRows,
            @JsonProperty("monthly_rows") long monthlyRows) {}

    /** Marks executions without news for the configured time (or {@code older_than_seconds}) as unknown/timeout. */
    @POST
    @Path("sweeper/run")
    public SweepResult sweep(@QueryParam("older_than_seconds") Long olderThanSeconds) {
        Duration age = olderThanSeconds == null ? stuckAfter : Duration.ofSeconds(olderThanSeconds);
        if (age.isNegative()) {
            throw ApiException.validation("older_than_seconds must be >= 0", Map.of("older_than_seconds", ">= 0"));
        }
        return new SweepResult(sweeper.sweep(age), age.toSeconds());
    }

    /** Deletes raw events older than {@code days} (default: the configured retention); rollups stay. */
    @POST
    @Path("retention/run")
    public RetentionJob.Result retention(@QueryParam("days") Integer days) {
        int d = days == null ? retention.configuredDays() : days;
        if (d < 1) {
            throw ApiException.validation("days must be >= 1", Map.of("days", ">= 1"));
        }
        return retention.run(d);
    }

    /**
     * Recomputes the dashboard rollups of the days from {@code since} (YYYY-MM-DD, UTC) on from the
     * stored executions: after executions were corrected or restored by hand. Earlier days keep
     * their rollups (retention may have deleted their executions).
     */
    @POST
    @Path("rollups/rebuild")
    public RebuildResult rebuildRollups(@QueryParam("since") String since) {
        LocalDate day;
        try {
            day = LocalDate.parse(since == null ? "" : since.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.validation(
                    "since must be a date (YYYY-MM-DD): the first day to rebuild", Map.of("since", "YYYY-MM-DD"));
        }
        RollupRebuild.Result r = rollups.rebuild(day);
        return new RebuildResult(
                r.since().toString(),
                r.executions(),
                r.appsRows(),
                r.rollupRows(),
                r.dimsRows(),
                r.errorRows(),
                r.dayTotalRows(),
                r.monthlyRows());
    }
}
