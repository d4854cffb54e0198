package dev.opsuite.gateway.status;

import dev.opsuite.common.security.Roles;
import dev.opsuite.gateway.routing.EdgeHandler;
import dev.opsuite.gateway.routing.RoutingConfig;
import dev.opsuite.gateway.routing.UpstreamRoute;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/status} (admin): every upstream's readiness, probed in parallel. This is
 * deliberately not part of the gateway's own readiness: a down service must not take the entry
 * point, and with it every other service, out of rotation.
 */
@Path("/api/v1/status")
public class StatusResource {

    public record Status(String status, List<UpstreamHealth> upstreams) {}

    private final EdgeHandler edge;
    private final UpstreamProbe probe;
    private final Map<String, String> upstreamNames = new LinkedHashMap<>();

    public StatusResource(EdgeHandler edge, UpstreamProbe probe, RoutingConfig config) {
        this.edge = edge;
        this.probe = probe;
        config.upstream()
                .forEach((name, url) -> upstreamNames.putIfAbsent(url.trim().replaceAll("/+$", ""), name));
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Status> status() {
        // one probe per origin; routes to the same service are listed together
        Map<String, List<UpstreamRoute>> byOrigin = new LinkedHashMap<>();
        for (UpstreamRoute route : edge.table().routes()) {
            byOrigin.computeIfAbsent(route.originKey(), k -> new ArrayList<>()).add(route);
        }
        List<Uni<UpstreamHealth>> probes = new ArrayList<>();
        byOrigin.forEach((origin, routes) -> {
            UpstreamRoute first = routes.get(0);
            String name = upstreamNames.getOrDefault(first.origin().toString().replaceAll("/+$", ""), first.name());
            probes.add(probe.probe(
                    name, first, routes.stream().map(UpstreamRoute::name).toList()));
        });
        if (probes.isEmpty()) {
            return Uni.createFrom().item(new Status("UP", List.of()));
        }
        return Uni.join()
                .all(probes)
                .andFailFast()
                .map(list ->
                        new Status(list.stream().allMatch(h -> "UP".equals(h.status())) ? "UP" : "DEGRADED", list));
    }
}
