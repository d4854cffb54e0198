package dev.opsuite.automation.api;

import dev.opsuite.automation.api.InventoryDtos.CredentialList;
import dev.opsuite.automation.api.InventoryDtos.CredentialRequest;
import dev.opsuite.automation.api.InventoryDtos.CredentialView;
import dev.opsuite.automation.inventory.CredentialService;
import dev.opsuite.automation.inventory.CredentialSpec;
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

/** Credentials: listed (without secrets) by operators, who pick them for runs; changed by admins. */
@Path("/api/v1/automation/credentials")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialResource {
    private final CredentialService credentials;

    public CredentialResource(CredentialService credentials) {
        this.credentials = credentials;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<CredentialList>> list(@QueryParam("page") String page, @QueryParam("page_size") String size) {
        PageRequest p = Params.page(page, size);
        return credentials
                .list(p.offset(), p.limit())
                .map(r -> Envelope.ok(new CredentialList(
                        r.total(),
                        r.credentials().stream().map(CredentialView::of).toList())));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<CredentialView>> get(@PathParam("id") String id) {
        return credentials.get(Params.id("id", id)).map(c -> Envelope.ok(CredentialView.of(c)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(CredentialRequest body) {
        return credentials.create(spec(body)).map(c -> Envelope.created(CredentialView.of(c)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Envelope<CredentialView>> update(@PathParam("id") String id, CredentialRequest body) {
        return credentials.update(Params.id("id", id), spec(body)).map(c -> Envelope.ok("更新成功", CredentialView.of(c)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Envelope<Void>> delete(@PathParam("id") String id) {
        return credentials.delete(Params.id("id", id)).replaceWith(Envelope.done("删除成功"));
    }

    private static CredentialSpec spec(CredentialRequest b) {
        if (b == null) {
            throw ApiException.badRequest("request body is required");
        }
        return new CredentialSpec(
                b.name(),
                b.username(),
                b.authType(),
                b.password(),
                b.privateKey(),
                b.passphrase(),
                b.clusterName(),
                b.nodePattern(),
                b.isDefault(),
                b.become() == null
                        ? null
                        : new CredentialSpec.Become(
                                b.become().method(),
                                b.become().user(),
                                b.become().password()));
    }
}
