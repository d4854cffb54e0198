package dev.opsuite.automation.api;

import dev.opsuite.automation.api.InventoryDtos.ClusterList;
import dev.opsuite.automation.api.InventoryDtos.ClusterRequest;
import dev.opsuite.automation.api.InventoryDtos.ClusterView;
import dev.opsuite.automation.inventory.ClusterService;
import dev.opsuite.automation.inventory.ClusterSpec;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.paging.PageRequest;
import dev.opsuite.common.security.Roles;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Inventory: clusters and their nodes. Read by viewers, changed by admins. */
@Path("/api/v1/automation/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {
    private final ClusterService clusters;

    public ClusterResource(ClusterService clusters) {
        this.clusters = clusters;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<ClusterList>> list(@QueryParam("page") String page, @QueryParam("page_size") String size) {
        PageRequest p = Params.page(page, size);
        return clusters.list(p.offset(), p.limit())
                .map(r -> Envelope.ok(new ClusterList(
                        r.total(),
                        r.clusters().stream()
                                .map(c -> ClusterView.of(c.cluster(), c.nodes()))
                                .toList())));
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<ClusterView>> get(@PathParam("name") String name) {
        return clusters.get(name).map(c -> Envelope.ok(ClusterView.of(c.cluster(), c.nodes())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(ClusterRequest body) {
        return clusters.create(spec(body)).map(c -> Envelope.created(ClusterView.of(c.cluster(), c.nodes())));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Envelope<ClusterView>> update(@PathParam("name") String name, ClusterRequest body) {
        return clusters.update(name, spec(body)).map(c -> Envelope.ok("更新成功", ClusterView.of(c.cluster(), c.nodes())));
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Envelope<Void>> delete(@PathParam("name") String name) {
        return clusters.delete(name).replaceWith(Envelope.done("删除成功"));
    }

    private static ClusterSpec spec(ClusterRequest body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        return new ClusterSpec(
                body.name(),
                body.description(),
                body.hostKeyPolicy(),
                body.kubernetes() == null
                        ? null
                        : new ClusterSpec.Kubernetes(
                                body.kubernetes().apiUrl(),
                                body.kubernetes().token(),
                                body.kubernetes().caCert()),
                body.nodes() == null
                        ? null
                        : body.nodes().stream()
                                .map(n -> n == null
                                        ? null
                                        : new ClusterSpec.NodeSpec(
                                                n.name(), n.host(), n.port(), n.labels(), n.hostKeyFingerprint()))
                                .toList());
    }
}
