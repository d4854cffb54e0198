package dev.opsuite.gateway.routing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The W3C {@code traceparent} the upstream receives: the gateway's own server span when tracing
 * is active (the upstream's spans then hang below the gateway's), else the caller's valid one,
 * else a fresh root, so every upstream request can be correlated.
 */
final class TraceParent {

    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    private TraceParent() {}

    static String forUpstream(String incoming) {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                    + span.getTraceFlags().asHex();
        }
        if (isValid(incoming)) {
            return incoming;
        }
        // a trace id must be unique, not secret: the thread's fast generator, not SecureRandom
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "00-" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong()) + "-"
                + hex.toHexDigits(random.nextLong()) + "-01";
    }

    static boolean isValid(String value) {
        return value != null
                && VALID.matcher(value).matches()
                && !value.startsWith("ff")
                && !value.regionMatches(3, ZERO_TRACE, 0, 32)
                && !value.regionMatches(36, ZERO_SPAN, 0, 16);
    }
}
