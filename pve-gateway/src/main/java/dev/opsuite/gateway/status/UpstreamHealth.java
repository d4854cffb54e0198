package dev.opsuite.gateway.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One upstream's readiness as seen from the gateway.
 *
 * @param status UP (ready answered 200), DOWN (answered otherwise), UNREACHABLE or TIMEOUT
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
        String error) {}
