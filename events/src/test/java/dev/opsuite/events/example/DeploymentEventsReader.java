package dev.opsuite.events.example;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.opsuite.events.v1.DeploymentEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The README's consumer example: a plain {@link KafkaConsumer} reading {@code deployment.events.v1},
 * the CloudEvents attributes from the {@code ce_*} headers and the value as a {@link DeploymentEvent}.
 * Offsets are committed after the caller got the batch (at-least-once: deduplicate on {@code ce_id}).
 */
public final class DeploymentEventsReader implements AutoCloseable {
    public static final String TOPIC = "deployment.events.v1";

    /** One event: the record key (the deployment id, or the app name for app_* events), its attributes, its payload. */
    public record Received(String key, String id, String type, String source, Instant time, DeploymentEvent event) {}

    /** A record that is not a readable event (CloudEvents attributes missing, or a value that does not parse). */
    public record Rejected(String key, int partition, long offset, String reason) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Rejected> rejected = new ArrayList<>();

    public DeploymentEventsReader(String bootstrapServers, String groupId) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        groupId,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPIC));
    }

    /** The events that arrived within {@code timeout}, in partition order (so in order per deployment). */
    public List<Received> poll(Duration timeout) {
        List<Received> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            String id = header(record, "ce_id");
            String type = header(record, "ce_type");
            String time = header(record, "ce_time");
            if (id == null || type == null || time == null) {
                rejected.add(reject(record, "not a CloudEvent: ce_id, ce_type and ce_time are required"));
                continue;
            }
            try {
                DeploymentEvent event = DeploymentEvent.parseFrom(record.value());
                events.add(
                        new Received(record.key(), id, type, header(record, "ce_source"), Instant.parse(time), event));
            } catch (InvalidProtocolBufferException | DateTimeParseException e) {
                rejected.add(reject(record, e.getMessage()));
            }
        }
        consumer.commitSync();
        return events;
    }

    /** What could not be read so far (a real consumer would park these in its own dead-letter topic). */
    public List<Rejected> rejected() {
        return List.copyOf(rejected);
    }

    private static Rejected reject(ConsumerRecord<String, byte[]> record, String reason) {
        return new Rejected(record.key(), record.partition(), record.offset(), reason);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
