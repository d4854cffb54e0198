package dev.opsuite.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The Testcontainers path for real: only where a Docker engine answers (never here or in CI, which
 * have none; the test reports itself skipped there). Provisions a service schema and lists the broker.
 */
@EnabledIf("dockerAnswers")
class ContainerBackendTest {

    static boolean dockerAnswers() {
        DockerEngine engine = DockerEngine.locate(System.getenv());
        return engine != null && engine.answers();
    }

    @Test
    void postgresAndKafkaContainersServeAProvisionedSchemaAndABroker() throws Exception {
        Devstack stack = ContainerBackend.start();
        ServiceDatabase database = stack.ensureSchema("telemetry");
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT current_schemas(false)[1], version()")) {
            rs.next();
            assertEquals("telemetry", rs.getString(1));
        }
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (Admin client = Admin.create(admin)) {
            assertEquals(1, client.describeCluster().nodes().get().size());
        }
    }
}
