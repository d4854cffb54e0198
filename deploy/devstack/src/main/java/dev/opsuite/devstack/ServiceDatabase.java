package dev.opsuite.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/** One service's slice of the database: its login role (same name as its schema) and the URLs it connects with. */
public record ServiceDatabase(String schema, String username, String password, String jdbcUrl, String reactiveUrl) {

    /** The Quarkus configuration keys (as in CONVENTIONS.md) a service needs to use this schema. */
    public Map<String, String> quarkusProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.datasource.username", username);
        props.put("quarkus.datasource.password", password);
        props.put("quarkus.datasource.jdbc.url", jdbcUrl);
        props.put("quarkus.datasource.reactive.url", reactiveUrl);
        return props;
    }

    /** The same settings as environment variables, for a service started as a process. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_USERNAME", username);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl);
        return env;
    }

    @Override
    public String toString() {
        return "ServiceDatabase[" + schema + " as " + username + " at " + jdbcUrl + "]";
    }
}
