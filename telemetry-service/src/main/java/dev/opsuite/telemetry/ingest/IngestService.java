package dev.opsuite.telemetry.ingest;

import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.TelemetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One report from a bash client: size check, lenient parse, field rules, then the durable hand-off
 * to Kafka. Answers are the short text/plain bodies the clients know.
 */
@ApplicationScoped
public class IngestService {
    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final IngestPublisher publisher;
    private final int maxBodyBytes;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    /** protocol/outcome -> its counter (a registry lookup per request costs more than the count). */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestService(IngestPublisher publisher, TelemetryConfig config, MeterRegistry metrics) {
        this.publisher = publisher;
        this.maxBodyBytes = config.ingest().maxBodyBytes();
        this.metrics = metrics;
    }

    /** Parsing runs on the calling event loop (microseconds); the answer waits for Kafka's acknowledgement. */
    public Uni<Response> ingest(byte[] body, IngestNormalizer.Shape shape, String protocol) {
        if (body == null || body.length > maxBodyBytes) {
            return now(answer(protocol, 400, "invalid body", "too_large"));
        }
        Optional<Map<String, Object>> fields =
                LenientJson.parse(new String(body, StandardCharsets.UTF_8), IngestFields.KNOWN);
        if (fields.isEmpty()) {
            return now(answer(protocol, 400, "invalid json", "invalid_json"));
        }
        TelemetryIngestEvent event;
        try {
            event = IngestNormalizer.normalize(fields.get(), shape, protocol, Instant.now(clock));
        } catch (InvalidPayloadException e) {
            LOG.debugf("invalid %s payload: %s", protocol, e.getMessage());
            return now(answer(protocol, 400, "invalid payload", "invalid_payload"));
        }
        return Uni.createFrom()
                .completionStage(() -> publisher.publish(event))
                .map(acked -> answer(protocol, 202, "accepted", "accepted"))
                .onFailure(IngestUnavailableException.class)
                .recoverWithItem(e -> {
                    LOG.warnf("ingest refused with 503: %s", e.getMessage());
                    return answer(protocol, 503, "server busy", "unavailable");
                });
    }

    private static Uni<Response> now(Response response) {
        return Uni.createFrom().item(response);
    }

    private Response answer(String protocol, int status, String text, String outcome) {
        counters.computeIfAbsent(
                        protocol + '/' + outcome,
                        k -> metrics.counter(
                                "telemetry_ingest_requests_total", "protocol", protocol, "outcome", outcome))
                .increment();
        Response.ResponseBuilder r =
                Response.status(status).type("text/plain;charset=UTF-8").entity(text);
        if (status == 503) {
            r.header("Retry-After", "5");
        }
        return r.build();
    }
}
