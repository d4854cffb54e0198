package dev.opsuite.common.events;

import dev.opsuite.common.request.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the CloudEvents attributes of this service's events: {@code ce_source} = the service name
 * ({@code quarkus.application.name}), {@code ce_type} = {@code dev.opsuite.<domain>.<event>.v1} where the
 * domain is the service name's first segment (deployment-service -> deployment, pve-gateway -> pve)
 * unless {@code opsuite.events.domain} says otherwise.
 */
@ApplicationScoped
public class CloudEvents {
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final String source;
    private final String domain;
    private final Clock clock;

    @Inject
    public CloudEvents(
            @ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "opsuite.events.domain") Optional<String> domain) {
        this(applicationName, domain.orElse(null), Clock.systemUTC());
    }

    public CloudEvents(String applicationName, String domain, Clock clock) {
        this.source = applicationName;
        this.domain = domain != null ? domain : defaultDomain(applicationName);
        this.clock = clock;
    }

    static String defaultDomain(String applicationName) {
        int dash = applicationName.indexOf('-');
        return (dash > 0 ? applicationName.substring(0, dash) : applicationName).toLowerCase(Locale.ROOT);
    }

    /** {@code dev.opsuite.<domain>.<event>.v1} */
    public static String type(String domain, String event) {
        if (!EVENT_NAME.matcher(event).matches()) {
            throw new IllegalArgumentException("event name must be snake_case: " + event);
        }
        return "dev.opsuite." + domain + "." + event + ".v1";
    }

    /** A new event (fresh UUID, now) about {@code subject} (the aggregate id, also the record key). */
    public CloudEvent create(String event, String subject) {
        return new CloudEvent(
                UUID.randomUUID().toString(),
                source,
                type(domain, event),
                Instant.now(clock),
                subject,
                CloudEvent.PROTOBUF,
                currentTraceparent(),
                RequestIds.current().orElse(null));
    }

    public String source() {
        return source;
    }

    public String domain() {
        return domain;
    }

    /** W3C traceparent of the current OpenTelemetry span, or null when there is none. */
    static String currentTraceparent() {
        SpanContext ctx = Span.current().getSpanContext();
        if (!ctx.isValid()) {
            return null;
        }
        return "00-" + ctx.getTraceId() + "-" + ctx.getSpanId() + "-"
                + ctx.getTraceFlags().asHex();
    }
}
