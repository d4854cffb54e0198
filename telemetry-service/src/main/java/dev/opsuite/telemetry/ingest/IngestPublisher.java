package dev.opsuite.telemetry.ingest;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.TelemetryConfig;

/**
 * Puts accepted reports on {@code telemetry.ingest.v1} with acks=all and idempotence, and waits
 * for the acknowledgement: the endpoint answers 202 only when the broker has the event on every
 * in-sync replica. Its own producer (not the shared one) so that the timeouts are short enough
 * for a request.
 */
@ApplicationScoped
public class IngestPublisher {
    private static final Logger LOG = Logger.getLogger(IngestPublisher.class);

    private final String topic;
    private final Duration ackTimeout;
    private final CloudEvents cloudEvents;
    private final KafkaProducer<String, byte[]> producer;

    @jakarta.inject.Inject
    public IngestPublisher(TelemetryConfig config, CloudEvents cloudEvents) {
        this(config.ingest().bootstrapServers(), config.ingest().topic(), config.ingest().ackTimeout(), cloudEvents);
    }

    public IngestPublisher(String bootstrapServers, String topic, Duration ackTimeout, CloudEvents cloudEvents) {
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.cloudEvents = cloudEvents;
        this.producer = new KafkaProducer<>(properties(bootstrapServers, ackTimeout), new StringSerializer(),
                new ByteArraySerializer());
    }

    static Properties properties(String bootstrapServers, Duration ackTimeout) {
        int timeoutMs = (int) Math.max(1000, ackTimeout.toMillis());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "telemetry-ingest");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeoutMs));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs + 10));
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    /**
     * Blocks until the broker acknowledged the event (call it off the event loop).
     *
     * @throws IngestUnavailableException when the broker did not acknowledge within the timeout
     */
    public RecordMetadata publish(TelemetryIngestEvent event) {
        CloudEvent ce = cloudEvents.create("ingested", event.getExecutionId());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, event.getExecutionId(),
                event.toByteArray(), ce.toKafkaHeaders());
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try {
            Future<RecordMetadata> ack = producer.send(record);
            long left = Math.max(1, deadline - System.nanoTime());
            return ack.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IngestUnavailableException("no acknowledgement from Kafka within " + ackTimeout);
        } catch (ExecutionException e) {
            throw new IngestUnavailableException("Kafka refused the event: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestUnavailableException("interrupted while waiting for Kafka");
        } catch (RuntimeException e) { // send() itself: metadata timeout, producer closed
            LOG.debugf("ingest send failed: %s", e.toString());
            throw new IngestUnavailableException("Kafka unavailable: " + e);
        }
    }

    @PreDestroy
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
