package dev.opsuite.deployment.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.deployment.apps.AppRemoval;
import dev.opsuite.deployment.apps.AppService;
import dev.opsuite.deployment.apps.AppSpec;
import dev.opsuite.deployment.apps.RegisteredApp;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Application registry: admins register apps, everyone with a role can read them. */
@Path("/api/deployment/apps")
public class AppResource {
    private final AppService apps;
    private final AppRemoval removal;

    public AppResource(AppService apps, AppRemoval removal) {
        this.apps = apps;
        this.removal = removal;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response register(AppRequest request) {
        AppView created = view(apps.register(spec(request)));
        return Response.status(201)
                .entity(created)
                .header("Location", "/api/deployment/apps/" + created.name())
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public List<AppView> list() {
        return apps.list().stream().map(a -> AppView.of(a, null)).toList();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public AppView get(@PathParam("name") String name) {
        return AppView.of(apps.get(name), null);
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public AppView update(@PathParam("name") String name, AppRequest request) {
        return view(apps.update(name, spec(request)));
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("name") String name) {
        removal.remove(name);
        return Response.noContent().build();
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
