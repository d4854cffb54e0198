package dev.opsuite.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** One Kafka configuration secures every client: the plain ones get the channels' TLS/SASL settings too. */
class KafkaConnectionTest {

    @Test
    void carriesBootstrapTlsAndSaslSettingsAndNothingElse() {
        var config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "kafka.bootstrap.servers", "kafka-0:9093",
                                "kafka.security.protocol", "SASL_SSL",
                                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                                "kafka.sasl.jaas.config",
                                        "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                                "kafka.ssl.truststore.location", "/etc/kafka/ca.p12",
                                "kafka.auto.offset.reset", "earliest",
                                "quarkus.http.port", "8080"),
                        "test",
                        300))
                .build();
        Properties p = new KafkaConnection(config).properties();
        assertEquals("kafka-0:9093", p.getProperty("bootstrap.servers"));
        assertEquals("SASL_SSL", p.getProperty("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.getProperty("sasl.mechanism"));
        assertEquals("/etc/kafka/ca.p12", p.getProperty("ssl.truststore.location"));
        assertFalse(p.containsKey("auto.offset.reset"), "a client setting leaked into the connection");
        assertEquals(5, p.size());
    }
}
