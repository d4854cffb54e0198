package dev.opsuite.deployment.api;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

public record CancelView(@JsonProperty("deployment_id") String deploymentId, String status, String message,
                         @JsonProperty("cancelled_at") OffsetDateTime cancelledAt) {
}
