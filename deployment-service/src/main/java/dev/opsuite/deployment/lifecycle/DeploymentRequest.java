package dev.opsuite.deployment.lifecycle;

import java.util.Map;

/**
 * A deployment as a client asks for it, before validation (null = not given: defaults apply). The
 * environment variables are secrets: they are encrypted before anything is stored.
 */
public record DeploymentRequest(
        String app,
        String mode,
        Map<String, String> environmentVariables,
        String profile,
        String environment,
        Integer timeout,
        Boolean forceRebuild,
        Boolean skipHealthCheck,
        String callbackUrl,
        String webhookSecret,
        Map<String, Object> metadata,
        Boolean queue) {}
