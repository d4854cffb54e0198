package dev.opsuite.deployment.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.deployment.modes.ToolStatus;
import java.time.OffsetDateTime;
import java.util.Map;

/** GET /api/deployment/health body; everything in it was sampled in the background. */
public record HealthSnapshot(
        @JsonProperty("api_status") String apiStatus,
        OffsetDateTime timestamp,
        String version,
        @JsonProperty("deployment_managers") Map<String, ToolStatus> deploymentManagers,
        @JsonProperty("active_deployments") long activeDeployments,
        @JsonProperty("queued_deployments") long queuedDeployments,
        @JsonProperty("max_concurrent_deployments") int maxConcurrentDeployments,
        @JsonProperty("system_resources") Resources systemResources,
        Statistics statistics,
        @JsonProperty("sampled_at") OffsetDateTime sampledAt) {

    public record Resources(
            @JsonProperty("cpu_percent") double cpuPercent,
            @JsonProperty("memory_percent") double memoryPercent,
            @JsonProperty("disk_percent") double diskPercent,
            @JsonProperty("container_limits") boolean containerLimits) {}

    public record Statistics(
            @JsonProperty("total_deployments") long total,
            @JsonProperty("successful_deployments") long successful,
            @JsonProperty("failed_deployments") long failed,
            @JsonProperty("cancelled_deployments") long cancelled,
            @JsonProperty("timed_out_deployments") long timedOut,
            @JsonProperty("average_deployment_time") double averageDeploymentTime) {}
}
