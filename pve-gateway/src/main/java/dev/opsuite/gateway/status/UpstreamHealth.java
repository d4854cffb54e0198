package dev.opsuite.gateway.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One upstream's readiness as seen from the gateway: every instance its routes balance over is
 * probed, and the upstream is UP while at least one instance is (the gateway fails over to it).
 * The single-valued fields describe the instance that decided the status: the first UP one, or the
 * first instance when none is up.
 *
 * @param url          every instance, comma-separated
 * @param status       UP when at least one instance is UP; otherwise the first instance's status
 *                     (DOWN, UNREACHABLE or TIMEOUT)
 * @param instancesUp  how many of {@code instances} are UP
 * @param instances    each instance's own probe, in configured order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpstreamHealth(
        String name,
        String url,
        List<String> routes,
        String status,
        @JsonProperty("http_status") Integer httpStatus,
        @JsonProperty("latency_ms") long latencyMs,
        String circuit,
        String error,
        @JsonProperty("instances_up") int instancesUp,
        List<InstanceHealth> instances) {

    /** The upstream named {@code name} from its instances' probes (at least one). */
    public static UpstreamHealth of(String name, List<String> routes, List<InstanceHealth> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("upstream " + name + " has no instance");
        }
        InstanceHealth decisive =
                instances.stream().filter(InstanceHealth::up).findFirst().orElse(instances.get(0));
        int up = (int) instances.stream().filter(InstanceHealth::up).count();
        return new UpstreamHealth(
                name,
                String.join(",", instances.stream().map(InstanceHealth::url).toList()),
                List.copyOf(routes),
                decisive.status(),
                decisive.httpStatus(),
                decisive.latencyMs(),
                decisive.circuit(),
                decisive.error(),
                up,
                List.copyOf(instances));
    }
}
