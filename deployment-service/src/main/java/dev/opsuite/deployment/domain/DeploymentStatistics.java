package dev.opsuite.deployment.domain;

/** Counts over all deployments (finished ones by outcome, and what is active or queued now). */
public record DeploymentStatistics(
        long finished,
        long completed,
        long failed,
        long cancelled,
        long timedOut,
        long active,
        long queued,
        double averageCompletedSeconds) {}
