package dev.opsuite.deployment.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** Body of POST/PUT /api/deployment/apps. {@code start_command}: an argv array or a string split without a shell. */
public record AppRequest(
        String name,
        @JsonProperty("source_path") String sourcePath,
        @JsonProperty("compose_file") String composeFile,
        @JsonProperty("start_command") JsonNode startCommand,
        @JsonProperty("health_url") String healthUrl,
        @JsonProperty("health_timeout_seconds") Integer healthTimeoutSeconds,
        String python,
        @JsonProperty("rotate_webhook_secret") Boolean rotateWebhookSecret) {}
