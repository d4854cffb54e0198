package dev.opsuite.telemetry.events;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.inbox.BatchApplier;
import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.domain.IngestEnvelope;
import dev.opsuite.telemetry.domain.IngestStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Moves the ingest buffer into PostgreSQL in batches. Offsets are committed only after the batch's
 * records are applied (or dead-lettered); a database outage is waited out rather than skipping
 * anything, a record the database refuses is isolated and dead-lettered alone ({@link BatchApplier}),
 * and redeliveries are absorbed by the event id. Records that are not a TelemetryIngestEvent go to
 * the dead-letter topic.
 */
@ApplicationScoped
@Startup // the lag gauge exists from the start, not from the first record
public class TelemetryIngestConsumer {
    static final String CONSUMER = "telemetry-ingest";
    private static final Logger LOG = Logger.getLogger(TelemetryIngestConsumer.class);

    private final IngestStore store;
    private final BatchApplier applier;
    private final IngestLag lag = new IngestLag();

    public TelemetryIngestConsumer(IngestStore store, BatchApplier applier, MeterRegistry metrics) {
        this.store = store;
        this.applier = applier;
        Gauge.builder("telemetry.ingest.lag.seconds", lag, l -> l.seconds(Instant.now()))
                .description("Age of the oldest accepted event not yet written to PostgreSQL (while a batch is"
                        + " being written), else of the newest event of the last batch written")
                .strongReference(true)
                .register(metrics);
    }

    @Incoming("telemetry-ingest")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<BatchApplier.Item<IngestEnvelope>> batch = new ArrayList<>(records.count());
        Instant oldest = null;
        Instant newest = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            IngestEnvelope envelope;
            try {
                envelope = envelope(record);
            } catch (InvalidProtocolBufferException e) {
                applier.deadLetter(CONSUMER, record, "not a valid TelemetryIngestEvent: " + e.getMessage());
                continue;
            }
            batch.add(new BatchApplier.Item<>(record, envelope));
            var r = envelope.event().getReceivedAt();
            Instant received = Instant.ofEpochSecond(r.getSeconds(), r.getNanos());
            oldest = oldest == null || received.isBefore(oldest) ? received : oldest;
            newest = newest == null || received.isAfter(newest) ? received : newest;
        }
        if (batch.isEmpty()) {
            return;
        }
        lag.writing(oldest);
        applier.apply(CONSUMER, batch, envelopes -> {
            IngestStore.BatchResult result = store.applyBatch(envelopes);
            LOG.debugf(
                    "ingest batch: %d records, %d new, %d applied",
                    envelopes.size(), result.received(), result.applied());
        });
        lag.written(newest, Instant.now());
    }

    private static IngestEnvelope envelope(ConsumerRecord<String, byte[]> record)
            throws InvalidProtocolBufferException {
        TelemetryIngestEvent event =
                TelemetryIngestEvent.parseFrom(record.value() == null ? new byte[0] : record.value());
        if (event.getExecutionId().isEmpty() || event.getStatus().isEmpty()) {
            throw new InvalidProtocolBufferException("execution_id and status are required");
        }
        Header id = record.headers().lastHeader(CloudEvent.H_ID);
        // Without a ce_id the record's position identifies it: a redelivery has the same one.
        String eventId = id != null
                ? new String(id.value(), StandardCharsets.UTF_8)
                : UUID.nameUUIDFromBytes((record.topic() + "/" + record.partition() + "/" + record.offset())
                                .getBytes(StandardCharsets.UTF_8))
                        .toString();
        if (eventId.length() > 64) {
            eventId = UUID.nameUUIDFromBytes(eventId.getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
        return new IngestEnvelope(eventId, event, record.value());
    }

    /** The lag gauge's state: it keeps growing while a batch cannot be written, instead of freezing. */
    static final class IngestLag {
        private volatile Instant writingSince;
        private volatile long lastMillis;

        void writing(Instant oldestReceived) {
            writingSince = oldestReceived;
        }

        void written(Instant newestReceived, Instant now) {
            lastMillis = Math.max(0, Duration.between(newestReceived, now).toMillis());
            writingSince = null;
        }

        double seconds(Instant now) {
            Instant since = writingSince;
            long millis = since == null
                    ? lastMillis
                    : Math.max(0, Duration.between(since, now).toMillis());
            return millis / 1000.0;
        }
    }
}
