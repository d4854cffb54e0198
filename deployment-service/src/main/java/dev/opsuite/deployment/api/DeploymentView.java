package dev.opsuite.deployment.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.Estimates;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/deployments/{id} (also the items of the history). Secret values are always "***". */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentView(
        @JsonProperty("deployment_id") String deploymentId,
        String status,
        String mode,
        @JsonProperty("requested_mode") String requestedMode,
        String app,
        String environment,
        String initiator,
        @JsonProperty("created_at") OffsetDateTime createdAt,
        @JsonProperty("start_time") OffsetDateTime startTime,
        @JsonProperty("end_time") OffsetDateTime endTime,
        @JsonProperty("duration_seconds") Double durationSeconds,
        @JsonProperty("current_step") String currentStep,
        @JsonProperty("progress_percentage") double progressPercentage,
        @JsonProperty("estimated_time_remaining") long estimatedTimeRemaining,
        @JsonProperty("logs_available") boolean logsAvailable,
        @JsonProperty("is_active") boolean isActive,
        String error,
        @JsonProperty("exit_code") Integer exitCode,
        Map<String, Object> config,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("redeploy_of") String redeployOf,
        Map<String, Object> metadata) {

    public static DeploymentView of(Deployment d, boolean logsAvailable) {
        Map<String, String> env = new LinkedHashMap<>();
        d.envNames().forEach(n -> env.put(n, "***"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("environment_variables", env);
        if (d.profile() != null) {
            config.put("profile", d.profile());
        }
        config.put("timeout", d.timeoutSeconds());
        config.put("force_rebuild", d.forceRebuild());
        config.put("skip_health_check", d.skipHealthCheck());
        return new DeploymentView(
                d.id(),
                d.status().wire(),
                d.mode().wire(),
                d.requestedMode(),
                d.app(),
                d.environment(),
                d.initiator(),
                d.createdAt(),
                d.startTime(),
                d.endTime(),
                d.durationSeconds(),
                d.currentStep(),
                d.progress(),
                Estimates.remainingSeconds(d),
                logsAvailable,
                d.status().isActive(),
                d.error(),
                d.exitCode(),
                config,
                d.callbackUrl(),
                d.redeployOf(),
                d.metadata());
    }
}
