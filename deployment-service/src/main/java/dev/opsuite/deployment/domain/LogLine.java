package dev.opsuite.deployment.api;

import java.time.OffsetDateTime;

public record LogLine(long offset, String stream, String line, OffsetDateTime timestamp) {}
