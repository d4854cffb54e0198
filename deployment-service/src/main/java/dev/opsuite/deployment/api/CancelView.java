package dev.opsuite.deployment.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

public record CancelView(
        @JsonProperty("deployment_id") String deploymentId,
        String status,
        String message,
        @JsonProperty("cancelled_at") OffsetDateTime cancelledAt) {}
