package dev.opsuite.deployment.lifecycle;

import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.Mode;
import java.util.Map;

/** A validated request with its mode resolved; secrets still in clear (encrypted before they are stored). */
record ValidatedRequest(
        App app,
        String requestedMode,
        Mode mode,
        String environment,
        Map<String, String> env,
        String profile,
        int timeout,
        boolean forceRebuild,
        boolean skipHealthCheck,
        String callbackUrl,
        String webhookSecret,
        Map<String, Object> metadata,
        boolean queue,
        String redeployOf) {}
