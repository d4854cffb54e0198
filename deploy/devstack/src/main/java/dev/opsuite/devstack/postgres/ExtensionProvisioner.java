package dev.opsuite.devstack.postgres;

import dev.opsuite.devstack.DevstackException;
import dev.opsuite.devstack.PostgresEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Installs a PostgreSQL extension into a service's schema as the admin. Service roles own only their
 * schema and have no CREATE on the database, so they cannot run CREATE EXTENSION themselves (not even
 * for trusted extensions such as pg_trgm); their migrations then say {@code CREATE EXTENSION IF NOT
 * EXISTS}, which is a no-op once the extension is there.
 */
public final class ExtensionProvisioner {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final PostgresEndpoint admin;

    public ExtensionProvisioner(PostgresEndpoint admin) {
        this.admin = admin;
    }

    /** Idempotent; the schema must exist (see {@link SchemaProvisioner#ensureSchema}). */
    public void ensureExtension(String schema, String extension) {
        require(schema, "schema");
        require(extension, "extension");
        try (Connection c = AdminConnections.open(admin, admin.database());
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtext('opsuite.devstack.ensureExtension'))");
            try {
                s.execute("CREATE EXTENSION IF NOT EXISTS " + extension + " WITH SCHEMA " + schema);
            } finally {
                s.execute("SELECT pg_advisory_unlock(hashtext('opsuite.devstack.ensureExtension'))");
            }
        } catch (SQLException e) {
            throw new DevstackException(
                    "Could not install extension " + extension + " into schema " + schema + " on " + admin + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static void require(String value, String what) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new DevstackException("Invalid " + what + " name '" + value + "'");
        }
    }
}
