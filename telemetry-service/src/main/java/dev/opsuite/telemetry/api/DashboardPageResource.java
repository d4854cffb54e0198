package dev.opsuite.telemetry.api;

import dev.opsuite.telemetry.dashboard.DashboardView;
import dev.opsuite.telemetry.stats.DashboardService;
import dev.opsuite.telemetry.stats.StatsFilter;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The dashboard page: server-rendered HTML with inline SVG charts, filters as a plain GET form. */
@Path("/dashboard")
@PermitAll
public class DashboardPageResource {
    private final DashboardService dashboards;
    private final Template dashboard;

    public DashboardPageResource(DashboardService dashboards, Template dashboard) {
        this.dashboards = dashboards;
        this.dashboard = dashboard;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("days") Integer days, @QueryParam("app") String app) {
        StatsFilter filter = StatsFilter.of(days, 7, null, app);
        return dashboard.data("view", DashboardView.of(dashboards.dashboard(filter), filter.app()));
    }
}
