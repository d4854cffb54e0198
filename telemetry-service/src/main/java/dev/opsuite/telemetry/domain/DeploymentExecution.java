package dev.opsuite.telemetry.domain;

import com.google.protobuf.Timestamp;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentFinished;
import dev.opsuite.events.v1.DeploymentStatus;
import java.time.Instant;

/**
 * A finished deployment of the suite, seen as a telemetry execution: {@code type} = deployment,
 * {@code nsapp} = the app, and the deployment's outcome mapped onto the telemetry status vocabulary.
 */
public record DeploymentExecution(
        String executionId,
        String app,
        String status,
        Integer exitCode,
        String error,
        String errorCategory,
        Integer durationSeconds,
        Instant startedAt,
        Instant finishedAt) {

    public static final String TYPE = "deployment";
    private static final int MAX_APP = 64;

    /** @return the execution, or null when the event is not a finished deployment (nothing to record) */
    public static DeploymentExecution from(DeploymentEvent event) {
        if (event.getKindCase() != DeploymentEvent.KindCase.FINISHED) {
            return null;
        }
        if (event.getDeploymentId().isBlank() || event.getDeploymentId().length() > 64) {
            throw new IllegalArgumentException("deployment_id must be 1-64 characters");
        }
        DeploymentFinished finished = event.getFinished();
        String status = statusOf(finished.getFinalStatus());
        Instant ended = finished.hasEndedAt() ? instant(finished.getEndedAt()) : instant(event.getOccurredAt());
        Instant started = event.hasStartedAt() ? instant(event.getStartedAt()) : ended;
        String error = finished.getError().isBlank() ? null : finished.getError();
        String category = switch (finished.getFinalStatus()) {
            case DEPLOYMENT_STATUS_TIMED_OUT -> "timeout";
            case DEPLOYMENT_STATUS_CANCELLED -> "user_aborted";
            case DEPLOYMENT_STATUS_FAILED -> "unknown";
            default -> null;
        };
        String app = event.getApp().isBlank() ? "unknown" : truncate(event.getApp(), MAX_APP);
        return new DeploymentExecution(
                event.getDeploymentId(),
                app,
                status,
                finished.hasExitCode() ? finished.getExitCode() : null,
                error,
                category,
                (int) Math.round(finished.getDurationSeconds()),
                started,
                ended);
    }

    static String statusOf(DeploymentStatus finalStatus) {
        return switch (finalStatus) {
            case DEPLOYMENT_STATUS_COMPLETED -> "success";
            case DEPLOYMENT_STATUS_FAILED, DEPLOYMENT_STATUS_TIMED_OUT -> "failed";
            case DEPLOYMENT_STATUS_CANCELLED -> "aborted";
            default -> throw new IllegalArgumentException("not a final deployment status: " + finalStatus);
        };
    }

    private static Instant instant(Timestamp ts) {
        return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
