package dev.opsuite.common.security;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.opsuite.common.kafka.KafkaConnection;
import dev.opsuite.events.v1.TokenRevocation;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the whole revocations topic into {@link RevocationList}, from its beginning at start and then
 * as records arrive (about a second behind the gateway). Every replica reads everything: no consumer
 * group, partitions assigned directly. A record it cannot parse is skipped with a warning: it names no
 * token, and stopping would let every later revocation through.
 */
@ApplicationScoped
public class RevocationFeed {
    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);

    private final RevocationsConfig config;
    private final RevocationList list;
    private final KafkaConnection connection;
    private final String clientId;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public RevocationFeed(
            RevocationsConfig config,
            RevocationList list,
            KafkaConnection connection,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "opsuite") String service) {
        this.config = config;
        this.list = list;
        this.connection = connection;
        this.clientId = service + "-revocations";
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("revocation-feed").start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try (KafkaConsumer<String, byte[]> c =
                    new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                List<TopicPartition> partitions = partitions(c);
                if (partitions.isEmpty()) {
                    sleep(backoff); // the topic appears with the gateway's first revocation
                    continue;
                }
                c.assign(partitions);
                c.seekToBeginning(partitions);
                LOG.debugf("reading %s (%d partitions) from the beginning", config.topic(), partitions.size());
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                        apply(record);
                    }
                    if (partitions(c).size() != partitions.size()) {
                        break; // partitions were added: reassign and read them all
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("revocation feed from %s interrupted, retrying: %s", config.topic(), e.toString());
                sleep(backoff);
            } finally {
                consumer = null;
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            list.apply(TokenRevocation.parseFrom(record.value() == null ? new byte[0] : record.value()));
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf(
                    "skipping an unreadable revocation at %s-%d@%d",
                    record.topic(), record.partition(), record.offset());
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.listTopics(Duration.ofSeconds(10)).get(config.topic());
        return infos == null
                ? List.of()
                : infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
    }

    private Properties properties() {
        Properties p = connection.properties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
