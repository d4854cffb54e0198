package dev.opsuite.deployment.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.Estimates;
import dev.opsuite.deployment.domain.StepRecord;
import java.time.OffsetDateTime;
import java.util.List;

/** GET /api/deployments/{id}/progress */
public record ProgressView(
        @JsonProperty("deployment_id") String deploymentId,
        String status,
        @JsonProperty("current_step") String currentStep,
        @JsonProperty("progress_percentage") double progressPercentage,
        @JsonProperty("completed_steps") int completedSteps,
        @JsonProperty("total_steps") int totalSteps,
        @JsonProperty("estimated_time_remaining") long estimatedTimeRemaining,
        @JsonProperty("last_update") OffsetDateTime lastUpdate,
        List<Step> steps) {

    public record Step(
            String name,
            int weight,
            String status,
            @JsonProperty("started_at") OffsetDateTime startedAt,
            @JsonProperty("ended_at") OffsetDateTime endedAt,
            @JsonProperty("exit_code") Integer exitCode) {}

    public static ProgressView of(Deployment d, List<StepRecord> steps) {
        return new ProgressView(
                d.id(),
                d.status().wire(),
                d.currentStep(),
                d.progress(),
                d.completedSteps(),
                d.totalSteps(),
                Estimates.remainingSeconds(d),
                d.updatedAt(),
                steps.stream()
                        .map(s -> new Step(s.name(), s.weight(), s.status(), s.startedAt(), s.endedAt(), s.exitCode()))
                        .toList());
    }
}
