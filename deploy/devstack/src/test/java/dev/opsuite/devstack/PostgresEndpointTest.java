package dev.opsuite.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresEndpointTest {

    @Test
    void parsesHostPortAndDatabaseFromAJdbcUrl() {
        PostgresEndpoint e =
                PostgresEndpoint.fromJdbcUrl("jdbc:postgresql://db.example:6543/suite?sslmode=require", "admin", "pw");
        assertEquals("db.example", e.host());
        assertEquals(6543, e.port());
        assertEquals("suite", e.database());
        assertEquals("jdbc:postgresql://db.example:6543/suite", e.jdbcUrl());
        assertEquals("postgresql://db.example:6543/suite", e.reactiveUrl());
    }

    @Test
    void defaultsToPort5432AndDatabaseOpsuite() {
        PostgresEndpoint e = PostgresEndpoint.fromJdbcUrl("jdbc:postgresql://pg/", "postgres", null);
        assertEquals(5432, e.port());
        assertEquals("opsuite", e.database());
    }

    @Test
    void rejectsNonPostgresUrls() {
        assertThrows(DevstackException.class, () -> PostgresEndpoint.fromJdbcUrl("jdbc:mysql://x/y", "a", "b"));
    }

    @Test
    void environmentSelectsExternalServersWithAdminCredentials() {
        DevstackOptions options = DevstackOptions.ephemeral()
                .withEnvironment(Map.of(
                        "OPSUITE_PG_URL",
                        "jdbc:postgresql://pg.internal:5433/opsuite",
                        "OPSUITE_PG_ADMIN_USER",
                        "boss",
                        "OPSUITE_PG_ADMIN_PASSWORD",
                        "secret",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "k1:9092,k2:9092"));
        assertEquals("pg.internal", options.externalPostgres().host());
        assertEquals("boss", options.externalPostgres().adminUser());
        assertEquals("secret", options.externalPostgres().adminPassword());
        assertEquals("k1:9092,k2:9092", options.externalKafka());
        assertNull(DevstackOptions.ephemeral().withEnvironment(Map.of()).externalPostgres());
    }
}
