package dev.opsuite.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.PostgresEndpoint;
import dev.opsuite.devstack.postgres.EmbeddedPostgresServer;
import dev.opsuite.devstack.postgres.SchemaProvisioner;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL the migration job's psql runs (ConfigMap opsuite-db-provisioning), run by the real psql
 * against a real PostgreSQL: it must leave exactly the roles, schemas and grants devstack's
 * SchemaProvisioner makes for `make run` and the tests, and it must be safe to run on every upgrade.
 */
class ProvisioningSqlTest {
    private static final String DATABASE = "opsuite";
    private static final List<String> SCHEMAS = List.of("gateway", "telemetry", "deployment", "l10n", "automation");

    @TempDir
    static Path work;

    private static EmbeddedPostgresServer byChart;
    private static EmbeddedPostgresServer byDevstack;
    private static Path sql;

    @BeforeAll
    static void startServers() throws IOException {
        byChart = EmbeddedPostgresServer.start(null, 0, work.resolve("chart-pg.log"));
        byDevstack = EmbeddedPostgresServer.start(null, 0, work.resolve("devstack-pg.log"));
        ConfigMap provisioning =
                HelmChart.render(HelmChart.MINIMAL).get(ConfigMap.class, HelmChart.RELEASE + "-db-provisioning");
        sql = Files.writeString(
                work.resolve("provision.sql"), provisioning.getData().get("provision.sql"));
    }

    @AfterAll
    static void stopServers() {
        if (byChart != null) {
            byChart.close();
        }
        if (byDevstack != null) {
            byDevstack.close();
        }
    }

    @Test
    void theChartsSqlMakesTheSameRolesSchemasAndGrantsAsDevstackAndCanRunAgain() throws Exception {
        assertEquals(0, psql(byChart, passwords("first")).exitCode(), "first run");
        PsqlRun again = psql(byChart, passwords("second"));
        assertEquals(0, again.exitCode(), "an upgrade runs it again: " + again.output());

        PostgresEndpoint devstack = byDevstack.endpoint(DATABASE);
        SchemaProvisioner provisioner = new SchemaProvisioner(devstack);
        provisioner.ensureDatabase();
        for (String schema : SCHEMAS) {
            provisioner.ensureSchema(schema, schema + "-devstack");
        }

        assertEquals(catalogue(byDevstack.endpoint(DATABASE)), catalogue(byChart.endpoint(DATABASE)));
    }

    @Test
    void eachServiceRoleLogsInWithTheLatestPasswordAndWritesOnlyItsOwnSchema() throws Exception {
        assertEquals(0, psql(byChart, passwords("old")).exitCode());
        assertEquals(0, psql(byChart, passwords("rotated")).exitCode());
        String url = byChart.endpoint(DATABASE).jdbcUrl();
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "telemetry", "telemetry-old"));
        try (Connection c = DriverManager.getConnection(url, "telemetry", "telemetry-rotated");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS probe (id int)");
            try (ResultSet rs =
                    s.executeQuery("SELECT table_schema FROM information_schema.tables WHERE table_name = 'probe'")) {
                assertTrue(rs.next());
                assertEquals("telemetry", rs.getString(1), "search_path is the role's own schema");
            }
            SQLException denied =
                    assertThrows(SQLException.class, () -> s.execute("CREATE TABLE gateway.intruder (id int)"));
            assertEquals("42501", denied.getSQLState(), "permission denied in another service's schema");
            SQLException publicDenied =
                    assertThrows(SQLException.class, () -> s.execute("CREATE TABLE public.intruder (id int)"));
            assertEquals("42501", publicDenied.getSQLState(), "nobody creates objects in public");
        }
    }

    @Test
    void aMissingPasswordStopsTheJobWithTheVariableNamedAndCreatesNoPasswordlessRole() throws Exception {
        Map<String, String> env = passwords("partial");
        env.remove("OPSUITE_DB_PASSWORD_L10N");
        try (EmbeddedPostgresServer fresh = EmbeddedPostgresServer.start(null, 0, work.resolve("fresh-pg.log"))) {
            PsqlRun run = psql(fresh, env);
            assertEquals(3, run.exitCode(), run.output());
            assertTrue(run.output().contains("OPSUITE_DB_PASSWORD_L10N is not set"), run.output());
            try (Connection c =
                            DriverManager.getConnection(fresh.endpoint(DATABASE).jdbcUrl(), "postgres", null);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = 'l10n'")) {
                assertFalse(rs.next(), "no l10n role without its password");
            }
        }
    }

    private static Map<String, String> passwords(String suffix) {
        Map<String, String> env = new HashMap<>();
        for (String schema : SCHEMAS) {
            env.put("OPSUITE_DB_PASSWORD_" + schema.toUpperCase(), schema + "-" + suffix);
        }
        return env;
    }

    private record PsqlRun(int exitCode, String output) {}

    /** psql as the migration job runs it: connection and passwords from the environment only. */
    private static PsqlRun psql(EmbeddedPostgresServer server, Map<String, String> passwords) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder("psql", "--no-psqlrc", "--file", sql.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("OPSUITE_"));
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", Integer.toString(server.port()));
        env.put("PGUSER", EmbeddedPostgresServer.SUPERUSER);
        env.put("PGDATABASE", "postgres");
        env.put("PGSSLMODE", "disable");
        env.putAll(passwords);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "psql finished");
        return new PsqlRun(process.exitValue(), output);
    }

    /** "{b=x,a=y}" lists in grant order; the order carries no meaning, so compare them sorted. */
    private static String sortAclItems(String row) {
        Matcher acl = Pattern.compile("\\{([^}]*)}").matcher(row);
        StringBuilder sorted = new StringBuilder();
        while (acl.find()) {
            String items = Stream.of(acl.group(1).split(",")).sorted().collect(Collectors.joining(","));
            acl.appendReplacement(sorted, Matcher.quoteReplacement("{" + items + "}"));
        }
        acl.appendTail(sorted);
        return sorted.toString();
    }

    /** Everything about the roles, schemas and grants that decides what a service may do. */
    private static List<String> catalogue(PostgresEndpoint endpoint) throws SQLException {
        String roles = SCHEMAS.stream().map(s -> "'" + s + "'").collect(Collectors.joining(","));
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        endpoint.jdbcUrl(), endpoint.adminUser(), endpoint.adminPassword());
                Statement s = c.createStatement()) {
            for (String query : List.of(
                    "SELECT r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,"
                            + " r.rolreplication, r.rolbypassrls, r.rolconnlimit, left(a.rolpassword, 14)"
                            + " FROM pg_roles r JOIN pg_authid a ON a.oid = r.oid WHERE r.rolname IN (" + roles + ")",
                    "SELECT r.rolname, s.setconfig::text FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole"
                            + " JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = current_database()",
                    "SELECT nspname, pg_get_userbyid(nspowner), nspacl::text FROM pg_namespace" + " WHERE nspname IN ("
                            + roles + ", 'public')",
                    "SELECT datname, pg_encoding_to_char(encoding), datacl::text FROM pg_database"
                            + " WHERE datname = current_database()",
                    "SELECT r.rolname, m.roleid::regrole::text FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
                            + " WHERE r.rolname IN (" + roles + ")")) {
                try (ResultSet rs = s.executeQuery(query)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            row.add(rs.getString(i));
                        }
                        rows.add(sortAclItems(String.join("|", row)));
                    }
                }
            }
        }
        assertTrue(
                rows.stream().anyMatch(r -> r.startsWith("telemetry|f|t|f|f|t|f|f|-1|SCRAM-SHA-256$")), rows::toString);
        return Stream.of(rows.toArray(String[]::new)).sorted().toList();
    }
}
