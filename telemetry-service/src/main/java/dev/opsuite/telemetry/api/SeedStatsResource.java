package dev.opsuite.telemetry.api;

import dev.opsuite.telemetry.stats.Dashboard;
import dev.opsuite.telemetry.stats.DashboardService;
import dev.opsuite.telemetry.stats.StatsFilter;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The seed document's public statistics: the same figures as the dashboard API. */
@Path("/stats")
@PermitAll
public class SeedStatsResource {
    private final DashboardService dashboards;

    public SeedStatsResource(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Dashboard stats(
            @QueryParam("days") Integer days, @QueryParam("repo") String repo, @QueryParam("app") String app) {
        return dashboards.dashboard(StatsFilter.of(days, 1, repo, app));
    }
}
