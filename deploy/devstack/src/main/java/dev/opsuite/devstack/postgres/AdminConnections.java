package dev.opsuite.devstack.postgres;

import dev.opsuite.devstack.PostgresEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/** Opens admin connections without DriverManager, whose caller-class-loader checks misfire inside Quarkus tests. */
final class AdminConnections {
    private AdminConnections() {}

    static Connection open(PostgresEndpoint endpoint, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", endpoint.adminUser());
        if (endpoint.adminPassword() != null) {
            props.setProperty("password", endpoint.adminPassword());
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "opsuite-devstack");
        Connection connection = new Driver().connect(endpoint.jdbcUrl(database), props);
        if (connection == null) {
            throw new SQLException("PostgreSQL driver refused URL " + endpoint.jdbcUrl(database));
        }
        return connection;
    }
}
