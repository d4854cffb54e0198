package dev.opsuite.gateway.status;

import dev.opsuite.common.security.Roles;
import dev.opsuite.gateway.routing.EdgeHandler;
import dev.opsuite.gateway.routing.RoutingConfig;
import dev.opsuite.gateway.routing.UpstreamOrigin;
import dev.opsuite.gateway.routing.UpstreamRoute;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/status} (admin): every upstream's readiness, each of its instances probed, all
 * in parallel. This is deliberately not part of the gateway's own readiness: a down service must not
 * take the entry point, and with it every other service, out of rotation.
 */
@Path("/api/v1/status")
public class StatusResource {

    public record Status(String status, List<UpstreamHealth> upstreams) {}

    private final EdgeHandler edge;
    private final UpstreamProbe probe;
    /** Upstream name by its instances' keys ({@link UpstreamRoute#originKeys()}). */
    private final Map<String, String> upstreamNames = new LinkedHashMap<>();

    public StatusResource(EdgeHandler edge, UpstreamProbe probe, RoutingConfig config) {
        this.edge = edge;
        this.probe = probe;
        config.upstream().forEach((name, url) -> {
            String keys = originKeys(url);
            if (keys != null) {
                upstreamNames.putIfAbsent(keys, name);
            }
        });
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Status> status() {
        // one entry per set of instances; routes to the same service are listed together
        Map<String, List<UpstreamRoute>> byOrigins = new LinkedHashMap<>();
        for (UpstreamRoute route : edge.table().routes()) {
            byOrigins
                    .computeIfAbsent(route.originKeys(), k -> new ArrayList<>())
                    .add(route);
        }
        List<Uni<UpstreamHealth>> upstreams = new ArrayList<>();
        byOrigins.forEach((origins, routes) -> {
            UpstreamRoute first = routes.get(0);
            String name = upstreamNames.getOrDefault(origins, first.name());
            List<String> routeNames = routes.stream().map(UpstreamRoute::name).toList();
            List<Uni<InstanceHealth>> instances =
                    first.origins().stream().map(probe::probe).toList();
            upstreams.add(
                    Uni.join().all(instances).andFailFast().map(list -> UpstreamHealth.of(name, routeNames, list)));
        });
        if (upstreams.isEmpty()) {
            return Uni.createFrom().item(new Status("UP", List.of()));
        }
        return Uni.join()
                .all(upstreams)
                .andFailFast()
                .map(list ->
                        new Status(list.stream().allMatch(h -> "UP".equals(h.status())) ? "UP" : "DEGRADED", list));
    }

    /** The configured URL list as the route table keys its origins, or null if it does not parse. */
    private static String originKeys(String urls) {
        List<String> keys = new ArrayList<>();
        try {
            for (String url : urls.split(",")) {
                if (!url.isBlank()) {
                    keys.add(new UpstreamOrigin(URI.create(url.trim())).key());
                }
            }
        } catch (RuntimeException e) {
            return null; // the route table reports a bad URL at start; here it only loses the name
        }
        return keys.isEmpty() ? null : String.join(",", keys);
    }
}
