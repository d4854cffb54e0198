package dev.opsuite.deployment.api;

import dev.opsuite.common.security.Roles;
import dev.opsuite.deployment.health.HealthSampler;
import dev.opsuite.deployment.health.HealthSnapshot;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The seed's health endpoint: answered from the background snapshot, on the event loop, never waiting. */
@Path("/api/deployment/health")
public class HealthResource {
    private final HealthSampler sampler;

    public HealthResource(HealthSampler sampler) {
        this.sampler = sampler;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public HealthSnapshot health() {
        return sampler.snapshot(AcceptedView.API_VERSION);
    }
}
