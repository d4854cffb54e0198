package dev.opsuite.devstack.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevstackResourceTest {

    @Test
    void returnsTheServiceConfigurationAndReusesTheStackAcrossStarts() throws Exception {
        Map<String, String> first = started("delta");
        Map<String, String> second = started("epsilon");

        assertEquals("delta", first.get("quarkus.datasource.username"));
        assertEquals("delta", first.get("quarkus.datasource.password"));
        assertTrue(first.get("quarkus.datasource.jdbc.url").matches("jdbc:postgresql://localhost:\\d+/opsuite"));
        assertTrue(first.get("quarkus.datasource.reactive.url").matches("postgresql://localhost:\\d+/opsuite"));
        assertEquals("opsuite", first.get("mp.jwt.verify.issuer"));
        assertTrue(Files.readString(Path.of(URI.create(first.get("mp.jwt.verify.publickey.location"))))
                .contains("BEGIN PUBLIC KEY"));

        // one stack per JVM: same servers, same key, different role
        assertEquals(first.get("kafka.bootstrap.servers"), second.get("kafka.bootstrap.servers"));
        assertEquals(first.get("quarkus.datasource.jdbc.url"), second.get("quarkus.datasource.jdbc.url"));
        assertEquals(first.get("mp.jwt.verify.publickey.location"), second.get("mp.jwt.verify.publickey.location"));
        assertEquals("epsilon", second.get("quarkus.datasource.username"));

        try (Connection c =
                        DriverManager.getConnection(second.get("quarkus.datasource.jdbc.url"), "epsilon", "epsilon");
                ResultSet rs = c.createStatement().executeQuery("SHOW search_path")) {
            assertTrue(rs.next());
            assertEquals("epsilon", rs.getString(1));
        }
    }

    @Test
    void requiresTheSchemaInitArg() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new DevstackResource().init(Map.of()));
        assertTrue(e.getMessage().contains("schema"));
    }

    private static Map<String, String> started(String schema) {
        DevstackResource resource = new DevstackResource();
        resource.init(Map.of("schema", schema));
        Map<String, String> config = resource.start();
        resource.stop();
        return config;
    }
}
