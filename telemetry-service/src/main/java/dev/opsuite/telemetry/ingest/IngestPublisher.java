package dev.opsuite.telemetry.ingest;

import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.kafka.KafkaConnection;
import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.TelemetryConfig;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Puts accepted reports on {@code telemetry.ingest.v1} with acks=all and idempotence; the endpoint
 * answers 202 only when the broker has the event on every in-sync replica. Its own producer (not
 * the shared one) so that the timeouts are short enough for a request.
 */
@ApplicationScoped
public class IngestPublisher {
    private static final Logger LOG = Logger.getLogger(IngestPublisher.class);

    private final String topic;
    private final Duration ackTimeout;
    private final CloudEvents cloudEvents;
    private final KafkaProducer<String, byte[]> producer;
    private volatile boolean closed;
    private volatile boolean topicKnown;
    private final CountDownLatch topicFetched = new CountDownLatch(1);

    public IngestPublisher(TelemetryConfig config, CloudEvents cloudEvents, KafkaConnection connection) {
        this.topic = config.ingest().topic();
        this.ackTimeout = config.ingest().ackTimeout();
        this.cloudEvents = cloudEvents;
        Properties properties = properties(connection.properties(), ackTimeout);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.ingest().bootstrapServers());
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        Thread.ofVirtual().name("telemetry-ingest-metadata").start(this::fetchTopicMetadata);
    }

    /**
     * send() never waits for metadata (max.block.ms=0: it runs on the event loop), so the topic's
     * partitions are fetched here, in the background, until the broker answers; reports arriving
     * before that wait for it (up to the ack timeout, off the event loop), then get 503. Afterwards
     * the producer keeps them fresh on its own.
     */
    private void fetchTopicMetadata() {
        long delay = 100;
        while (!closed) {
            try {
                producer.partitionsFor(topic);
                topicKnown = true;
                topicFetched.countDown();
                return;
            } catch (RuntimeException e) { // not known yet: the call above asked for it
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    return;
                }
                delay = Math.min(delay * 2, 2000);
            }
        }
    }

    /** @param p the connection settings (TLS/SASL) to add the producer's own to */
    static Properties properties(Properties p, Duration ackTimeout) {
        int timeoutMs = (int) Math.max(1000, ackTimeout.toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "telemetry-ingest");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        // a few ms of batching: many concurrent reports share one produce request (less broker and CPU work)
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Never block the caller: with the topic's metadata known (see fetchTopicMetadata) send() only
        // appends to a batch; a full buffer (broker unreachable for long) fails at once, answered 503.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "0");
        // Keep the topic's metadata however long ingest is idle (the default forgets it after 5 min).
        p.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, String.valueOf(Integer.MAX_VALUE));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs + 10));
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    /**
     * Hands the event to the producer without blocking the caller (the ingest endpoints run on the
     * event loop). The stage completes when the broker acknowledged the event on every in-sync
     * replica, or fails with {@link IngestUnavailableException} when it did not within the timeout.
     */
    public CompletionStage<RecordMetadata> publish(TelemetryIngestEvent event) {
        if (topicKnown) {
            return send(event);
        }
        // Just started (or the broker has never answered): wait for the partitions on a worker
        // thread, at most the acknowledgement timeout, rather than refusing the report at once.
        return CompletableFuture.supplyAsync(this::awaitTopic, Infrastructure.getDefaultWorkerPool())
                .thenCompose(known -> known
                        ? send(event)
                        : CompletableFuture.failedFuture(new IngestUnavailableException(
                                "Kafka unavailable: the partitions of " + topic + " are not known")));
    }

    private boolean awaitTopic() {
        try {
            return topicFetched.await(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private CompletionStage<RecordMetadata> send(TelemetryIngestEvent event) {
        CloudEvent ce = cloudEvents.create("ingested", event.getExecutionId());
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, null, event.getExecutionId(), event.toByteArray(), ce.toKafkaHeaders());
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            // Returns at once while the topic's partitions are known (always, after the first send):
            // the record is appended to a batch and the callback runs on the producer's I/O thread.
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acked.complete(metadata);
                } else {
                    acked.completeExceptionally(new IngestUnavailableException(
                            error instanceof TimeoutException
                                    ? "no acknowledgement from Kafka within " + ackTimeout
                                    : "Kafka refused the event: " + error));
                }
            });
        } catch (RuntimeException e) { // send() itself: metadata not available in time, producer closed
            LOG.debugf("ingest send failed: %s", e.toString());
            acked.completeExceptionally(new IngestUnavailableException("Kafka unavailable: " + e));
        }
        return acked;
    }

    /** Whether send() can take events: the topic's partitions are known (readiness waits for it). */
    public boolean topicKnown() {
        return topicKnown;
    }

    @PreDestroy
    public void close() {
        closed = true;
        producer.close(Duration.ofSeconds(5));
    }
}
