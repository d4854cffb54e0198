package dev.opsuite.deployment.api;

import dev.opsuite.deployment.domain.LogLine;
import java.time.OffsetDateTime;

/** A log line as the API shows it (in pages and as the data of an SSE {@code log} event). */
public record LogLineView(long offset, String stream, String line, OffsetDateTime timestamp) {
    public static LogLineView of(LogLine l) {
        return new LogLineView(l.offset(), l.stream(), l.line(), l.timestamp());
    }
}
