package dev.opsuite.l10n.api;

import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.webhooks.Webhook;
import dev.opsuite.l10n.webhooks.WebhookRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;

/** Outbound webhooks (Standard Webhooks signatures); the secret is shown once, at creation. Admin only. */
@Path("/api/v6/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {
    private final WebhookRegistry registry;
    private final SecurityIdentity identity;

    public WebhookResource(WebhookRegistry registry, SecurityIdentity identity) {
        this.registry = registry;
        this.identity = identity;
    }

    public record CreatedView(
            String uid, String url, List<String> events, String locale, OffsetDateTime createdAt, String secret) {}

    @GET
    @RunOnVirtualThread
    public List<Webhook> list() {
        return registry.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    public Response create(WebhookRegistry.WebhookInput in) {
        WebhookRegistry.Created c = registry.create(in, identity.getPrincipal().getName());
        Webhook w = c.webhook();
        return Response.status(201)
                .entity(new CreatedView(w.uid(), w.url(), w.events(), w.locale(), w.createdAt(), c.secret()))
                .build();
    }

    @DELETE
    @Path("{uid}")
    @RunOnVirtualThread
    public Response delete(@PathParam("uid") String uid) {
        registry.delete(uid);
        return Response.noContent().build();
    }
}
