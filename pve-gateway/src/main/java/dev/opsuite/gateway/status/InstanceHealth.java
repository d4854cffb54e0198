package dev.opsuite.gateway.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One instance (origin) of an upstream as seen from the gateway.
 *
 * @param url     the origin, {@code scheme://host:port}
 * @param status  UP (ready answered 200), DOWN (answered otherwise), UNREACHABLE or TIMEOUT
 * @param circuit the gateway's circuit breaker for this origin (CLOSED, OPEN, HALF_OPEN)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceHealth(
        String url,
        String status,
        @JsonProperty("http_status") Integer httpStatus,
        @JsonProperty("latency_ms") long latencyMs,
        String circuit,
        String error) {

    public boolean up() {
        return "UP".equals(status);
    }
}
