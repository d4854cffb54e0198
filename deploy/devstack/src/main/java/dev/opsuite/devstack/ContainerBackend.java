package dev.opsuite.devstack;

import dev.opsuite.devstack.postgres.SchemaProvisioner;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared stack on Testcontainers' PostgreSQL and Kafka modules (same major versions as the embedded
 * ones). Only referenced when {@link DevstackBackend#select()} chose containers, so these classes are
 * never loaded otherwise. The containers stop at JVM exit (and Testcontainers' reaper removes them if
 * the JVM dies).
 */
final class ContainerBackend {
    static final String POSTGRES_IMAGE = "postgres:18";
    static final String KAFKA_IMAGE = "apache/kafka:4.0.0";

    private ContainerBackend() {}

    static Devstack start() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE));
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        try {
            postgres.start();
            kafka.start();
        } catch (RuntimeException e) {
            kafka.stop();
            postgres.stop();
            throw new DevstackException("Testcontainers could not start PostgreSQL/Kafka: " + e.getMessage(), e);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            kafka.stop();
                            postgres.stop();
                        },
                        "devstack-containers-shutdown"));
        PostgresEndpoint endpoint = new PostgresEndpoint(
                postgres.getHost(),
                postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                DevstackOptions.DATABASE,
                postgres.getUsername(),
                postgres.getPassword());
        new SchemaProvisioner(endpoint).ensureDatabase();
        return Devstack.attach(endpoint, kafka.getBootstrapServers());
    }
}
