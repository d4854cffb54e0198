package dev.opsuite.telemetry.domain;

import com.google.protobuf.Timestamp;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentFinished;
import dev.opsuite.events.v1.DeploymentStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A finished deployment of the suite, seen as a telemetry execution: {@code type} = deployment,
 * {@code nsapp} = the app, and the deployment's outcome mapped onto the execution statuses.
 */
public final class DeploymentExecutions {
    public static final String TYPE = "deployment";
    /** The protocol of executions the suite itself reported. */
    static final String PROTOCOL = "internal";

    private static final int MAX_APP = 64;

    private DeploymentExecutions() {}

    /**
     * @return the execution, or null when the event is not a finished deployment (nothing to record)
     * @throws IllegalArgumentException when the event cannot be an execution (the record is poison)
     */
    public static Execution from(DeploymentEvent event, OffsetDateTime recordedAt) {
        if (event.getKindCase() != DeploymentEvent.KindCase.FINISHED) {
            return null;
        }
        if (event.getDeploymentId().isBlank() || event.getDeploymentId().length() > 64) {
            throw new IllegalArgumentException("deployment_id must be 1-64 characters");
        }
        DeploymentFinished finished = event.getFinished();
        ExecutionStatus status = statusOf(finished.getFinalStatus());
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
        return Execution.builder(event.getDeploymentId())
                .randomId(event.getDeploymentId())
                .type(TYPE)
                .nsapp(app)
                .status(status)
                .exitCode(finished.hasExitCode() ? finished.getExitCode() : null)
                .error(error)
                .errorCategory(category)
                .installDuration((int) Math.round(finished.getDurationSeconds()))
                .startedAt(started.atOffset(ZoneOffset.UTC))
                .finishedAt(ended.atOffset(ZoneOffset.UTC))
                .updatedAt(recordedAt)
                .protocol(PROTOCOL)
                .errorPattern(status == ExecutionStatus.FAILED ? ErrorPatterns.of(error) : null)
                .swept(false)
                .build();
    }

    static ExecutionStatus statusOf(DeploymentStatus finalStatus) {
        return switch (finalStatus) {
            case DEPLOYMENT_STATUS_COMPLETED -> ExecutionStatus.SUCCESS;
            case DEPLOYMENT_STATUS_FAILED, DEPLOYMENT_STATUS_TIMED_OUT -> ExecutionStatus.FAILED;
            case DEPLOYMENT_STATUS_CANCELLED -> ExecutionStatus.ABORTED;
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
