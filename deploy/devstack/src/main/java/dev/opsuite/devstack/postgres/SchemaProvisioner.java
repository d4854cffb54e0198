package dev.opsuite.devstack.postgres;

import dev.opsuite.devstack.DevstackException;
import dev.opsuite.devstack.PostgresEndpoint;
import dev.opsuite.devstack.ServiceDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Creates the shared database and, per service, a login role that owns exactly one schema of the same
 * name. Everything is idempotent: running it again only re-asserts passwords and privileges, data stays.
 */
public final class SchemaProvisioner {
    /** Unquoted, lower-case SQL identifiers only: the names end up in DDL that cannot take bind parameters. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final String UNDEFINED_DATABASE = "3D000";

    private final PostgresEndpoint admin;

    public SchemaProvisioner(PostgresEndpoint admin) {
        this.admin = admin;
    }

    /** Creates {@code admin.database()} unless it exists, and closes it to roles that were not granted it. */
    public void ensureDatabase() {
        String database = requireIdentifier(admin.database(), "database");
        try {
            if (!databaseReachable()) {
                try (Connection c = AdminConnections.open(admin, "postgres");
                        PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (!rs.next()) {
                            try (Statement s = c.createStatement()) {
                                s.execute("CREATE DATABASE " + database + " ENCODING 'UTF8'");
                            }
                        }
                    }
                }
            }
            try (Connection c = AdminConnections.open(admin, database);
                    Statement s = c.createStatement()) {
                // Roles get CONNECT/TEMP explicitly in ensureSchema; nobody else may even connect,
                // and nobody but the admin may create objects in public (PG < 15 allowed that to everyone).
                s.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
                s.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            }
        } catch (SQLException e) {
            throw new DevstackException(
                    "Could not create database " + database + " on " + admin + ": " + e.getMessage(), e);
        }
    }

    private boolean databaseReachable() throws SQLException {
        try (Connection ignored = AdminConnections.open(admin, admin.database())) {
            return true;
        } catch (SQLException e) {
            if (UNDEFINED_DATABASE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Ensures login role {@code name} (password {@code password}) owning schema {@code name}, with
     * search_path = name and no rights anywhere else. Re-running it resets the password to the given one.
     */
    public ServiceDatabase ensureSchema(String name, String password) {
        requireIdentifier(name, "schema/role name");
        if (password == null || password.isEmpty()) {
            throw new DevstackException("Empty password for role " + name);
        }
        String database = admin.database();
        try (Connection c = AdminConnections.open(admin, database)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // Serialises concurrent callers (several launchers or test JVMs on one external server):
                // CREATE ROLE has no IF NOT EXISTS and would race.
                s.execute("SELECT pg_advisory_xact_lock(hashtext('opsuite.devstack.ensureSchema'))");
                boolean roleExists;
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + name + "'")) {
                    roleExists = rs.next();
                }
                String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD "
                        + literal(password);
                s.execute((roleExists ? "ALTER ROLE " : "CREATE ROLE ") + name + attributes);
                s.execute("CREATE SCHEMA IF NOT EXISTS " + name + " AUTHORIZATION " + name);
                s.execute("ALTER SCHEMA " + name + " OWNER TO " + name);
                s.execute("REVOKE ALL ON SCHEMA " + name + " FROM PUBLIC");
                s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + name);
                s.execute("ALTER ROLE " + name + " IN DATABASE " + database + " SET search_path = " + name);
            }
            c.commit();
        } catch (SQLException e) {
            throw new DevstackException(
                    "Could not provision schema/role " + name + " on " + admin + ": " + e.getMessage(), e);
        }
        return new ServiceDatabase(name, name, password, admin.jdbcUrl(), admin.reactiveUrl());
    }

    private static String requireIdentifier(String value, String what) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new DevstackException("Invalid " + what + " '" + value + "': use lower-case letters, digits and _");
        }
        return value;
    }

    /** A SQL string literal; safe because standard_conforming_strings is on (default since PG 9.1). */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
