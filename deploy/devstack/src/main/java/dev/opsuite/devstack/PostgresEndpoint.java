package dev.opsuite.devstack;

import java.net.URI;
import java.util.Objects;

/**
 * Where the PostgreSQL server is and how to administer it. The admin account creates the database,
 * the per-service roles and schemas; services never see it.
 *
 * @param adminPassword may be null (the embedded server trusts its superuser on loopback)
 */
public record PostgresEndpoint(String host, int port, String database, String adminUser, String adminPassword) {

    public PostgresEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(adminUser, "adminUser");
    }

    /** JDBC URL of {@link #database()} (what Flyway uses). */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String otherDatabase) {
        return "jdbc:postgresql://" + hostPort() + "/" + otherDatabase;
    }

    /** Vert.x reactive client URL of {@link #database()} (what Hibernate Reactive uses). */
    public String reactiveUrl() {
        return "postgresql://" + hostPort() + "/" + database;
    }

    private String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses {@code jdbc:postgresql://host[:port]/database[?...]} (query parameters are ignored);
     * a missing database means {@code opsuite}, a missing port 5432.
     */
    public static PostgresEndpoint fromJdbcUrl(String jdbcUrl, String adminUser, String adminPassword) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new DevstackException(
                    "Not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/db): " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null) {
            throw new DevstackException("No host in PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String host = uri.getHost().startsWith("[")
                ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new PostgresEndpoint(
                host,
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                path.isEmpty() ? "opsuite" : path,
                adminUser,
                adminPassword);
    }

    @Override
    public String toString() {
        // never print the admin password
        return "PostgresEndpoint[" + jdbcUrl() + ", admin=" + adminUser + "]";
    }
}
