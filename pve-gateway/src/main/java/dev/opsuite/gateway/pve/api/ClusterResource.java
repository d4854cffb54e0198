package dev.opsuite.gateway.pve.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.gateway.pve.api.ClusterDtos.ClusterRequest;
import dev.opsuite.gateway.pve.api.ClusterDtos.ClusterView;
import dev.opsuite.gateway.pve.cluster.ClusterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The PVE cluster registry, admins only. problem+json errors; the token secret is write-only. */
@Path("/api/v1/pve/clusters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ClusterResource {

    private final ClusterRegistry registry;

    public ClusterResource(ClusterRegistry registry) {
        this.registry = registry;
    }

    @GET
    public Uni<List<ClusterView>> list() {
        return registry.list().map(list -> list.stream().map(ClusterView::of).toList());
    }

    @GET
    @Path("{name}")
    public Uni<ClusterView> get(@PathParam("name") String name) {
        return registry.get(name).map(ClusterView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(ClusterRequest body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        return registry.create(body.toSpec())
                .map(c -> Response.status(201).entity(ClusterView.of(c)).build());
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ClusterView> update(@PathParam("name") String name, ClusterRequest body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        return registry.update(name, body.toSpec()).map(ClusterView::of);
    }

    @DELETE
    @Path("{name}")
    public Uni<Response> delete(@PathParam("name") String name) {
        return registry.delete(name).map(v -> Response.noContent().build());
    }
}
