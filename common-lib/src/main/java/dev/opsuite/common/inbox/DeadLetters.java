package dev.opsuite.common.inbox;

import dev.opsuite.common.kafka.ReliableProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends poison records to {@code <consumer>.dlq.v1} with the original key, payload and headers, plus
 * {@code x-opsuite-dlq-reason} and where the record came from.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String REASON_HEADER = "x-opsuite-dlq-reason";
    public static final String SOURCE_TOPIC_HEADER = "x-opsuite-dlq-topic";
    public static final String SOURCE_PARTITION_HEADER = "x-opsuite-dlq-partition";
    public static final String SOURCE_OFFSET_HEADER = "x-opsuite-dlq-offset";
    public static final String CONSUMER_HEADER = "x-opsuite-dlq-consumer";

    private final ReliableProducer producer;

    public DeadLetters(ReliableProducer producer) {
        this.producer = producer;
    }

    public static String topicFor(String consumer) {
        return consumer + ".dlq.v1";
    }

    public CompletableFuture<RecordMetadata> send(
            String consumer,
            String topic,
            int partition,
            long offset,
            String key,
            byte[] payload,
            Map<String, String> headers,
            String reason) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topicFor(consumer), key, payload);
        headers.forEach((k, v) -> {
            if (v != null && !k.startsWith("x-opsuite-dlq-")) {
                record.headers().add(k, v.getBytes(StandardCharsets.UTF_8));
            }
        });
        add(record, REASON_HEADER, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        add(record, CONSUMER_HEADER, consumer);
        add(record, SOURCE_TOPIC_HEADER, topic);
        add(record, SOURCE_PARTITION_HEADER, Integer.toString(partition));
        add(record, SOURCE_OFFSET_HEADER, Long.toString(offset));
        return producer.send(record);
    }

    private static void add(ProducerRecord<String, byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
