package dev.opsuite.deployment.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.deployment.apps.AppRemoval;
import dev.opsuite.deployment.apps.AppService;
import dev.opsuite.deployment.apps.AppSpec;
import dev.opsuite.deployment.apps.RegisteredApp;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Application registry: admins register apps, everyone with a role can read them. Reading and writing
 * the registry is reactive end to end; removal runs on a virtual thread, because it first stops the
 * app's running instances and waits for them to exit.
 */
@Path("/api/deployment/apps")
public class AppResource {
    private final AppService apps;
    private final AppRemoval removal;
    private final SecurityIdentity identity;

    public AppResource(AppService apps, AppRemoval removal, SecurityIdentity identity) {
        this.apps = apps;
        this.removal = removal;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> register(AppRequest request) {
        return apps.register(spec(request), actor()).map(registered -> {
            AppView created = view(registered);
            return Response.status(201)
                    .entity(created)
                    .header("Location", "/api/deployment/apps/" + created.name())
                    .build();
        });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<List<AppView>> list() {
        return apps.list().map(all -> all.stream().map(a -> AppView.of(a, null)).toList());
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<AppView> get(@PathParam("name") String name) {
        return apps.get(name).map(a -> AppView.of(a, null));
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<AppView> update(@PathParam("name") String name, AppRequest request) {
        return apps.update(name, spec(request), actor()).map(AppResource::view);
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    @RunOnVirtualThread
    public Response delete(@PathParam("name") String name) {
        removal.remove(name, actor());
        return Response.noContent().build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static AppSpec spec(AppRequest request) {
        if (request == null) {
            throw ApiException.badRequest("request body is required");
        }
        return new AppSpec(
                request.name(),
                request.sourcePath(),
                request.composeFile(),
                request.startCommand(),
                request.healthUrl(),
                request.healthTimeoutSeconds(),
                request.python(),
                Boolean.TRUE.equals(request.rotateWebhookSecret()));
    }

    private static AppView view(RegisteredApp registered) {
        return AppView.of(registered.app(), registered.newWebhookSecret());
    }
}
