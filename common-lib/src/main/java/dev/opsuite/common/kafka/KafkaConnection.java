package dev.opsuite.common.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * How this service's plain Kafka clients (outbox relay, DLQ, revocation feed, telemetry's ingest
 * buffer) reach the brokers: {@code kafka.bootstrap.servers} and every TLS/SASL setting given as
 * {@code kafka.security.protocol}, {@code kafka.ssl.*}, {@code kafka.sasl.*} — the same properties
 * the Quarkus Kafka channels read, so one configuration secures every client.
 */
@ApplicationScoped
public class KafkaConnection {
    private static final String PREFIX = "kafka.";
    private static final Set<String> CONNECTION_PREFIXES =
            Set.of("bootstrap.servers", "security.protocol", "ssl.", "sasl.", "client.dns.lookup");

    private final Properties connection = new Properties();

    public KafkaConnection(Config config) {
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String key = name.substring(PREFIX.length());
            if (CONNECTION_PREFIXES.stream().anyMatch(key::startsWith)) {
                config.getOptionalValue(name, String.class).ifPresent(value -> connection.put(key, value));
            }
        }
        connection.putIfAbsent("bootstrap.servers", "localhost:9092");
    }

    /** A fresh copy of the connection settings, to add a client's own settings to. */
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(connection);
        return copy;
    }

    public String bootstrapServers() {
        return connection.getProperty("bootstrap.servers");
    }
}
