package dev.opsuite.deployment.domain;

import java.time.OffsetDateTime;

public record StepRecord(
        int index,
        String name,
        int weight,
        String status,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        Integer exitCode) {}
