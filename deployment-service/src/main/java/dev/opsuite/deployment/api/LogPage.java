package dev.opsuite.deployment.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of a deployment's log; {@code next_offset} is where the following page starts. */
public record LogPage(
        @JsonProperty("deployment_id") String deploymentId,
        List<LogLineView> lines,
        long offset,
        @JsonProperty("next_offset") long nextOffset,
        long total,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("is_active") boolean isActive) {}
