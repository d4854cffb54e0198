package dev.opsuite.deployment.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentStatus;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** 202 body of POST /api/deployments and /redeploy. */
public record AcceptedView(
        @JsonProperty("deployment_id") String deploymentId,
        String status,
        String message,
        String mode,
        @JsonProperty("requested_mode") String requestedMode,
        String app,
        String environment,
        @JsonProperty("start_time") OffsetDateTime startTime,
        @JsonProperty("estimated_duration") int estimatedDuration,
        @JsonProperty("progress_url") String progressUrl,
        @JsonProperty("logs_url") String logsUrl,
        Map<String, Object> metadata) {
    public static final String API_VERSION = "1.0.0";

    public static AcceptedView of(Deployment d) {
        Map<String, Object> metadata = new LinkedHashMap<>(d.metadata());
        metadata.put("api_version", API_VERSION);
        boolean queued = d.status() == DeploymentStatus.QUEUED;
        return new AcceptedView(
                d.id(),
                d.status().wire(),
                queued ? "Deployment queued: waiting for a free slot" : "Deployment started",
                d.mode().wire(),
                d.requestedMode(),
                d.app(),
                d.environment(),
                d.startTime() != null ? d.startTime() : d.createdAt(),
                d.estimatedDuration(),
                "/api/deployments/" + d.id() + "/progress",
                "/api/deployments/" + d.id() + "/logs",
                metadata);
    }
}
