package dev.opsuite.deployment.apps;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an admin asks the registry to hold, before validation. {@code startCommand} is still the
 * request's JSON (an argv array or a string split without a shell, see {@link CommandLine}).
 */
public record AppSpec(
        String name,
        String sourcePath,
        String composeFile,
        JsonNode startCommand,
        String healthUrl,
        Integer healthTimeoutSeconds,
        String python,
        boolean rotateWebhookSecret) {}
