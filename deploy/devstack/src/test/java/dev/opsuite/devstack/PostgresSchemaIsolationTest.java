package dev.opsuite.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresSchemaIsolationTest {
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String INVALID_PASSWORD = "28P01";

    private static Devstack stack;
    private static ServiceDatabase alpha;
    private static ServiceDatabase beta;

    @BeforeAll
    static void provision() throws SQLException {
        stack = Devstack.shared();
        alpha = stack.ensureSchema("alpha");
        beta = stack.ensureSchema("beta");
        try (Connection c = connect(beta);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS secret (v text)");
            s.execute("INSERT INTO secret VALUES ('beta-only')");
        }
    }

    @Test
    void serviceRoleLogsInWithItsPasswordAndLandsInItsOwnSchema() throws SQLException {
        try (Connection c = connect(alpha);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user, current_schema(), current_database(), "
                        + "current_setting('server_version_num')::int")) {
            assertTrue(rs.next());
            assertEquals("alpha", rs.getString(1));
            assertEquals("alpha", rs.getString(2));
            assertEquals("opsuite", rs.getString(3));
            assertTrue(rs.getInt(4) >= 180000, "PostgreSQL 18 expected, got " + rs.getInt(4));
        }
        assertEquals("alpha", alpha.username());
        assertEquals("alpha", alpha.password());
        assertEquals(stack.postgres().jdbcUrl(), alpha.jdbcUrl());
        assertTrue(alpha.reactiveUrl().matches("postgresql://localhost:\\d+/opsuite"), alpha.reactiveUrl());
    }

    @Test
    void roleCanCreateTablesInItsOwnSchema() throws SQLException {
        try (Connection c = connect(alpha);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS own_table (id int)");
            s.execute("INSERT INTO own_table VALUES (42)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM alpha.own_table WHERE id = 42")) {
                assertTrue(rs.next());
                assertTrue(rs.getInt(1) >= 1);
            }
        }
    }

    @Test
    void roleCannotReadAnotherServicesSchema() throws SQLException {
        try (Connection c = connect(alpha);
                Statement s = c.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> s.executeQuery("SELECT v FROM beta.secret"));
            assertEquals(INSUFFICIENT_PRIVILEGE, denied.getSQLState(), denied.getMessage());
        }
    }

    @Test
    void roleCannotCreateInAnotherServicesSchemaNorInPublicNorNewSchemas() throws SQLException {
        try (Connection c = connect(alpha);
                Statement s = c.createStatement()) {
            for (String ddl : new String[] {
                "CREATE TABLE beta.intruder (id int)", "CREATE TABLE public.intruder (id int)", "CREATE SCHEMA intruder"
            }) {
                SQLException denied = assertThrows(SQLException.class, () -> s.execute(ddl), ddl);
                assertEquals(INSUFFICIENT_PRIVILEGE, denied.getSQLState(), ddl + ": " + denied.getMessage());
            }
        }
    }

    @Test
    void wrongPasswordIsRejected() {
        ServiceDatabase wrong =
                new ServiceDatabase("alpha", "alpha", "not-the-password", alpha.jdbcUrl(), alpha.reactiveUrl());
        SQLException rejected =
                assertThrows(SQLException.class, () -> connect(wrong).close());
        assertEquals(INVALID_PASSWORD, rejected.getSQLState(), rejected.getMessage());
    }

    @Test
    void ensureSchemaIsIdempotentKeepsDataAndResetsThePassword() throws SQLException {
        ServiceDatabase first = stack.ensureSchema("gamma", "first-password");
        try (Connection c = connect(first);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('still here')");
        }
        ServiceDatabase second = stack.ensureSchema("gamma", "second-password");
        assertEquals(
                INVALID_PASSWORD,
                assertThrows(SQLException.class, () -> connect(first).close()).getSQLState());
        try (Connection c = connect(second);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
        }
    }

    @Test
    void rejectsNamesThatAreNotPlainIdentifiers() {
        DevstackException e = assertThrows(DevstackException.class, () -> stack.ensureSchema("bad; DROP ROLE x"));
        assertTrue(e.getMessage().contains("Invalid schema/role name"), e.getMessage());
    }

    private static Connection connect(ServiceDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
