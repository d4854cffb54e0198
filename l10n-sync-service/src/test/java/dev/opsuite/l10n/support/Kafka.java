package dev.opsuite.l10n.support;

import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.events.v1.L10nEvent;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads this service's events from the devstack broker, as a downstream consumer would. */
public final class Kafka {
    private Kafka() {}

    public record Event(String type, String subject, String key, L10nEvent payload) {}

    public static Reader reader(String topic) {
        Properties p = new Properties();
        p.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "l10n-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p);
        c.subscribe(List.of(topic));
        return new Reader(c);
    }

    public static final class Reader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;

        Reader(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        public Event await(Predicate<Event> match, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    CloudEvent ce = CloudEvent.fromKafkaHeaders(r.headers());
                    Event e = new Event(ce.type(), ce.subject(), r.key(), L10nEvent.parseFrom(r.value()));
                    if (match.test(e)) {
                        return e;
                    }
                }
            }
            throw new AssertionError("no matching event within " + timeout);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
