package dev.opsuite.gateway.pve.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.gateway.pve.suite.FleetViews;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** opsuite's own PVE views (problem+json errors): merged resources and the overview. */
@Path("/api/v1/pve")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class SuiteResource {
    private static final List<String> TYPES = List.of("vm", "storage", "node", "sdn");

    private final FleetViews views;

    public SuiteResource(FleetViews views) {
        this.views = views;
    }

    /** Every cluster's {@code /cluster/resources}, each item with its {@code cluster}. */
    @GET
    @Path("resources")
    public Uni<JsonObject> resources(@QueryParam("type") String type, @QueryParam("cluster") String cluster) {
        if (type != null && !TYPES.contains(type)) {
            throw ApiException.validation(
                    "Invalid query", Map.of("type", "must be one of " + String.join(", ", TYPES)));
        }
        return views.resources(type, cluster);
    }

    /** Per cluster: quorum, nodes online/offline, VM and container counts, CPU and memory use. */
    @GET
    @Path("overview")
    public Uni<JsonArray> overview() {
        return views.overview();
    }
}
