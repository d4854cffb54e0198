package dev.opsuite.deployment.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Body of POST /api/deployments (the seed's DeploymentRequest plus app, queue and webhook_secret). */
public record CreateDeploymentRequest(
        String app,
        String mode,
        DeployConfig config,
        String environment,
        Integer timeout,
        @JsonProperty("force_rebuild") Boolean forceRebuild,
        @JsonProperty("skip_health_check") Boolean skipHealthCheck,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("webhook_secret") String webhookSecret,
        Map<String, Object> metadata,
        Boolean queue) {

    public record DeployConfig(
            @JsonProperty("environment_variables") Map<String, String> environmentVariables, String profile) {}
}
