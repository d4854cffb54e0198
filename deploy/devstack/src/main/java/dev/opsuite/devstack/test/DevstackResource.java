package dev.opsuite.devstack.test;

import dev.opsuite.devstack.Devstack;
import dev.opsuite.devstack.ServiceDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real PostgreSQL and Kafka for a service's {@code @QuarkusTest}s. Declare it once per test source
 * set, on any test class:
 * <pre>{@code
 * @QuarkusTestResource(value = DevstackResource.class, initArgs = @ResourceArg(name = "schema", value = "telemetry"))
 * }</pre>
 * The first start in a JVM starts both (Devstack.shared()); later starts (other test classes, Quarkus
 * restarts) reuse them; the JVM's shutdown stops them. Init args: {@code schema} (required: the
 * service's schema and role), {@code password} (default: the schema name), {@code extensions}
 * (optional, comma-separated: PostgreSQL extensions installed into the schema by the admin).
 */
public class DevstackResource implements QuarkusTestResourceLifecycleManager {
    private String schema;
    private String password;
    private List<String> extensions = List.of();

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.get("schema");
        if (schema == null || schema.isBlank()) {
            throw new IllegalArgumentException("DevstackResource needs the service's schema: "
                    + "initArgs = @ResourceArg(name = \"schema\", value = \"<service schema>\")");
        }
        password = initArgs.getOrDefault("password", schema);
        String ext = initArgs.getOrDefault("extensions", "");
        extensions = Arrays.stream(ext.split(","))
                .map(String::trim)
                .filter(e -> !e.isEmpty())
                .toList();
    }

    @Override
    public Map<String, String> start() {
        Devstack stack = Devstack.shared();
        ServiceDatabase database = stack.ensureSchema(schema, password);
        extensions.forEach(extension -> stack.ensureExtension(schema, extension));
        Map<String, String> config = new LinkedHashMap<>(database.quarkusProperties());
        config.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        // the stack is real: never let Quarkus start containers instead
        config.put("quarkus.datasource.devservices.enabled", "false");
        config.put("quarkus.kafka.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the JVM shutdown hook
    }
}
