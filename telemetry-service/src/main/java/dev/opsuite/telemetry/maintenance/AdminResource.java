package dev.opsuite.telemetry.maintenance;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.telemetry.TelemetryConfig;

/** Run the maintenance jobs now: admin only. */
@Path("/api/v1/telemetry/admin")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final StuckExecutionSweeper sweeper;
    private final RetentionJob retention;
    private final Duration stuckAfter;

    public AdminResource(StuckExecutionSweeper sweeper, RetentionJob retention, TelemetryConfig config) {
        this.sweeper = sweeper;
        this.retention = retention;
        this.stuckAfter = config.sweeper().stuckAfter();
    }

    public record SweepResult(int swept, @com.fasterxml.jackson.annotation.JsonProperty("stuck_after_seconds") long stuckAfterSeconds) {
    }

    /** Marks executions without news for the configured time (or {@code older_than_seconds}) as unknown/timeout. */
    @POST
    @Path("sweeper/run")
    public SweepResult sweep(@QueryParam("older_than_seconds") Long olderThanSeconds) throws SQLException {
        Duration age = olderThanSeconds == null ? stuckAfter : Duration.ofSeconds(olderThanSeconds);
        if (age.isNegative()) {
            throw ApiException.validation("older_than_seconds must be >= 0", Map.of("older_than_seconds", ">= 0"));
        }
        return new SweepResult(sweeper.sweep(age), age.toSeconds());
    }

    /** Deletes raw events older than {@code days} (default: the configured retention); rollups stay. */
    @POST
    @Path("retention/run")
    public RetentionJob.Result retention(@QueryParam("days") Integer days) throws SQLException {
        int d = days == null ? retention.configuredDays() : days;
        if (d < 1) {
            throw ApiException.validation("days must be >= 1", Map.of("days", ">= 1"));
        }
        return retention.run(d);
    }
}
