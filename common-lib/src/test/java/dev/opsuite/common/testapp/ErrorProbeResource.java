package dev.opsuite.common.testapp;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.request.RequestIds;
import dev.opsuite.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * Test-only endpoints mounted under several prefixes, each configured to another error dialect in
 * the test application.properties: probe=problem, auto=automation, l10n=l10n, pve=pve, tele=telemetry.
 */
@Path("/{prefix: probe|auto|l10n|pve|tele}")
public class ErrorProbeResource {

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@Valid ProbeItem item) {
        return Response.status(201).entity(item).build();
    }

    @GET
    @Path("conflict")
    public String conflict() {
        throw ApiException.conflict("deployment_in_progress", "A deployment of app is already running")
                .withDetail("app", "shop");
    }

    @GET
    @Path("limited")
    public String limited() {
        throw ApiException.tooManyRequests(Duration.ofSeconds(7), "Too many deployments");
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("SELECT password FROM users WHERE id = 1");
    }

    @GET
    @Path("search")
    public String search(@QueryParam("limit") @Max(100) Integer limit) {
        return "ok " + limit;
    }

    @GET
    @Path("admin")
    @RolesAllowed(Roles.ADMIN)
    public String admin() {
        return "secret";
    }

    @GET
    @Path("request-id")
    @Produces(MediaType.TEXT_PLAIN)
    public String requestId() {
        return RequestIds.current().orElse("none");
    }
}
