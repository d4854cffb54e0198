package dev.opsuite.devstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run the local stack.
 *
 * @param home                where data and logs live; null = a temporary directory removed on close
 *                            (and PostgreSQL in zonky's own temporary data directory)
 * @param postgresPort        0 = a free port
 * @param kafkaPort           0 = a free port (then the controller port is free too)
 * @param kafkaControllerPort the KRaft controller listener; ignored when kafkaPort is 0
 * @param externalPostgres    use this server instead of starting one (null = embedded)
 * @param externalKafka       use this bootstrap list instead of starting a broker (null = embedded)
 * @param database            the one database all services share
 */
public record DevstackOptions(
        Path home,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        PostgresEndpoint externalPostgres,
        String externalKafka,
        String database) {

    public static final String DATABASE = "opsuite";

    /** Environment variables {@link #withEnvironment(Map)} reads. */
    public static final String ENV_PG_URL = "OPSUITE_PG_URL";

    public static final String ENV_PG_ADMIN_USER = "OPSUITE_PG_ADMIN_USER";
    public static final String ENV_PG_ADMIN_PASSWORD = "OPSUITE_PG_ADMIN_PASSWORD";
    public static final String ENV_KAFKA = "KAFKA_BOOTSTRAP_SERVERS";

    /** Throwaway PostgreSQL and Kafka on free ports: what tests use. */
    public static DevstackOptions ephemeral() {
        return new DevstackOptions(null, 0, 0, 0, null, null, DATABASE);
    }

    /** Fixed ports, data kept in {@code home} across restarts: what `make run` uses. */
    public static DevstackOptions persistent(Path home, int postgresPort, int kafkaPort, int kafkaControllerPort) {
        return new DevstackOptions(
                home.toAbsolutePath(), postgresPort, kafkaPort, kafkaControllerPort, null, null, DATABASE);
    }

    public DevstackOptions withExternalPostgres(PostgresEndpoint endpoint) {
        return new DevstackOptions(
                home, postgresPort, kafkaPort, kafkaControllerPort, endpoint, externalKafka, endpoint.database());
    }

    public DevstackOptions withExternalKafka(String bootstrapServers) {
        return new DevstackOptions(
                home, postgresPort, kafkaPort, kafkaControllerPort, externalPostgres, bootstrapServers, database);
    }

    /**
     * Uses an existing PostgreSQL when {@code OPSUITE_PG_URL} (a JDBC URL) is set, administered as
     * {@code OPSUITE_PG_ADMIN_USER} (default postgres) / {@code OPSUITE_PG_ADMIN_PASSWORD}, and an
     * existing Kafka when {@code KAFKA_BOOTSTRAP_SERVERS} is set.
     */
    public DevstackOptions withEnvironment(Map<String, String> env) {
        DevstackOptions options = this;
        String pgUrl = blankToNull(env.get(ENV_PG_URL));
        if (pgUrl != null) {
            String user = blankToNull(env.get(ENV_PG_ADMIN_USER));
            options = options.withExternalPostgres(PostgresEndpoint.fromJdbcUrl(
                    pgUrl, user == null ? "postgres" : user, env.get(ENV_PG_ADMIN_PASSWORD)));
        }
        String kafka = blankToNull(env.get(ENV_KAFKA));
        if (kafka != null) {
            options = options.withExternalKafka(kafka);
        }
        return options;
    }

    public boolean ephemeralData() {
        return home == null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
