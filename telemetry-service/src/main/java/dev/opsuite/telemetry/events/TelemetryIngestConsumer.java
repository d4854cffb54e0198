package dev.opsuite.telemetry.events;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.inbox.DeadLetters;
import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.domain.IngestEnvelope;
import dev.opsuite.telemetry.domain.IngestStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Moves the ingest buffer into PostgreSQL in batches. Offsets are committed only after the batch's
 * transaction committed; a failing database is retried (the partition waits) rather than skipping
 * anything, and redeliveries are absorbed by the event id. Records that are not a
 * TelemetryIngestEvent go to the dead-letter topic.
 */
@ApplicationScoped
@Startup // the lag gauge exists from the start, not from the first record
public class TelemetryIngestConsumer {
    static final String CONSUMER = "telemetry-ingest";
    private static final Logger LOG = Logger.getLogger(TelemetryIngestConsumer.class);

    private final IngestStore store;
    private final DeadLetters deadLetters;
    private final AtomicLong lagMillis = new AtomicLong();
    private volatile boolean stopping;

    public TelemetryIngestConsumer(IngestStore store, DeadLetters deadLetters, MeterRegistry metrics) {
        this.store = store;
        this.deadLetters = deadLetters;
        Gauge.builder("telemetry.ingest.lag.seconds", lagMillis, l -> l.get() / 1000.0)
                .description("Age of the newest event of the last batch written to PostgreSQL")
                .strongReference(true)
                .register(metrics);
    }

    @Incoming("telemetry-ingest")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<IngestEnvelope> batch = new ArrayList<>(records.count());
        Instant newest = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            IngestEnvelope envelope = envelope(record);
            if (envelope != null) {
                batch.add(envelope);
                var r = envelope.event().getReceivedAt();
                Instant received = Instant.ofEpochSecond(r.getSeconds(), r.getNanos());
                newest = newest == null || received.isAfter(newest) ? received : newest;
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        long backoff = 200;
        while (true) {
            try {
                IngestStore.BatchResult result = store.applyBatch(batch);
                LOG.debugf(
                        "ingest batch: %d records, %d new, %d applied",
                        batch.size(), result.received(), result.applied());
                break;
            } catch (Exception e) {
                if (stopping) {
                    throw new IllegalStateException(
                            "shutting down with an unapplied batch (it will be redelivered)", e);
                }
                LOG.warnf("ingest batch of %d failed, retrying in %d ms: %s", batch.size(), backoff, e.toString());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, Duration.ofSeconds(10).toMillis());
            }
        }
        lagMillis.set(Math.max(0, Duration.between(newest, Instant.now()).toMillis()));
    }

    private IngestEnvelope envelope(ConsumerRecord<String, byte[]> record) {
        try {
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
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf(
                    "not a TelemetryIngestEvent at %s-%d@%d: dead-lettered",
                    record.topic(), record.partition(), record.offset());
            deadLetters.send(
                    CONSUMER,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.key(),
                    record.value(),
                    CloudEvent.toMap(record.headers()),
                    "not a valid TelemetryIngestEvent: " + e.getMessage());
            return null;
        }
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }
}
