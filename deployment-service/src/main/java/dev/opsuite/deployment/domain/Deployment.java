package dev.opsuite.deployment.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** One deployment row (secrets stay encrypted here). */
public record Deployment(
        String id,
        long seq,
        String app,
        String environment,
        String requestedMode,
        Mode mode,
        DeploymentStatus status,
        String initiator,
        String profile,
        List<String> envNames,
        String envSecret,
        int timeoutSeconds,
        boolean forceRebuild,
        boolean skipHealthCheck,
        String callbackUrl,
        String webhookSecret,
        Map<String, Object> metadata,
        int estimatedDuration,
        String currentStep,
        double progress,
        int completedSteps,
        int totalSteps,
        OffsetDateTime createdAt,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        OffsetDateTime updatedAt,
        String error,
        Integer exitCode,
        boolean cancelRequested,
        String ownerInstance,
        String redeployOf) {

    public Double durationSeconds() {
        if (startTime == null || endTime == null) {
            return null;
        }
        return Math.round((endTime.toInstant().toEpochMilli()
                                - startTime.toInstant().toEpochMilli())
                        / 100.0)
                / 10.0;
    }
}
