package dev.opsuite.deployment.domain;

import java.time.OffsetDateTime;

/** One stored line of a deployment's log (already masked); {@code offset} orders the lines from 0. */
public record LogLine(long offset, String stream, String line, OffsetDateTime timestamp) {}
