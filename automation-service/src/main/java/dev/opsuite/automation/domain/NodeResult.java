package dev.opsuite.automation.domain;

import java.time.OffsetDateTime;

/** A node's finished result, as the engines hand it to the store. */
public record NodeResult(
        String node,
        String status,
        Integer exitCode,
        String stdout,
        String stderr,
        String message,
        OffsetDateTime startTime,
        OffsetDateTime endTime) {

    public boolean success() {
        return "success".equals(status);
    }

    public boolean timedOut() {
        return "timed_out".equals(status);
    }
}
