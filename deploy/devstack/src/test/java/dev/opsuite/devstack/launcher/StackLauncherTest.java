package dev.opsuite.devstack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.Devstack;
import dev.opsuite.devstack.DevstackException;
import dev.opsuite.devstack.DevstackOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher core against this JVM's shared PostgreSQL and Kafka (passed in as "external" servers,
 * so no second broker starts) and five stand-in services packaged like Quarkus' quarkus-run.jar.
 */
class StackLauncherTest {
    private final List<String> console = new CopyOnWriteArrayList<>();

    @Test
    void startsEveryServiceWithItsDatabaseKafkaPortAndGatewayUpstreamsThenStopsThem(@TempDir Path tmp)
            throws Exception {
        Path repo = fakeRepository(tmp);
        Map<String, String> env = new HashMap<>(Map.of("OPSUITE_GATEWAY_UPSTREAM_L10N", "http://l10n.elsewhere:9000"));
        LaunchConfig config = againstSharedInfrastructure(LaunchConfig.freePorts(repo, tmp.resolve("home"), env));

        List<ProcessHandle> started;
        try (StackLauncher stack = new StackLauncher(config, console::add)) {
            stack.start();

            Map<String, String> telemetry = envOf(stack.serviceUrl("telemetry"));
            assertEquals("telemetry", telemetry.get("QUARKUS_DATASOURCE_USERNAME"));
            assertEquals("telemetry", telemetry.get("QUARKUS_DATASOURCE_PASSWORD"));
            assertEquals(Devstack.shared().postgres().jdbcUrl(), telemetry.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals(Devstack.shared().postgres().reactiveUrl(), telemetry.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
            assertEquals(Devstack.shared().kafkaBootstrapServers(), telemetry.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertEquals(Integer.toString(config.port("telemetry")), telemetry.get("QUARKUS_HTTP_PORT"));
            assertEquals(stack.gatewayUrl() + "/.well-known/jwks.json", telemetry.get("OPSUITE_JWKS_URL"));
            assertEquals(stack.adminPassword(), telemetry.get("OPSUITE_ADMIN_PASSWORD"));

            Map<String, String> gateway = envOf(stack.gatewayUrl());
            assertEquals("gateway", gateway.get("QUARKUS_DATASOURCE_USERNAME"));
            assertEquals(
                    "http://localhost:" + config.port("telemetry"), gateway.get("OPSUITE_GATEWAY_UPSTREAM_TELEMETRY"));
            assertEquals(
                    "http://localhost:" + config.port("deployment"),
                    gateway.get("OPSUITE_GATEWAY_UPSTREAM_DEPLOYMENT"));
            assertEquals(
                    "http://localhost:" + config.port("automation"),
                    gateway.get("OPSUITE_GATEWAY_UPSTREAM_AUTOMATION"));
            assertEquals("http://l10n.elsewhere:9000", gateway.get("OPSUITE_GATEWAY_UPSTREAM_L10N"), "override wins");

            for (String role : List.of("gateway", "telemetry", "deployment", "l10n", "automation")) {
                try (Connection c =
                                DriverManager.getConnection(stack.database(role).jdbcUrl(), role, role);
                        ResultSet rs = c.createStatement().executeQuery("SELECT current_schema()")) {
                    assertTrue(rs.next());
                    assertEquals(role, rs.getString(1));
                }
            }
            assertEquals(20, stack.adminPassword().length());
            assertEquals(
                    stack.adminPassword(),
                    Files.readString(tmp.resolve("home/admin-password")).trim());
            assertTrue(Files.readString(stack.logFile("l10n")).contains("fake l10n started in"));
            assertTrue(
                    console.stream()
                            .anyMatch(l -> l.startsWith("[automation] ")
                                    && l.contains("ready on http://localhost:" + config.port("automation"))),
                    console.toString());
            assertTrue(
                    console.stream().anyMatch(l -> l.contains("fake gateway started in")),
                    "noteworthy lines reach the console");
            assertFalse(
                    console.stream().anyMatch(l -> l.contains("not for the console")), "debug lines stay in the log");
            started = Files.list(tmp.resolve("home/pids"))
                    .map(StackLauncherTest::pidIn)
                    .toList();
            assertEquals(5, started.size());
        }
        for (ProcessHandle service : started) {
            assertFalse(service.isAlive(), "service " + service.pid() + " still running after close");
        }
    }

    @Test
    void aServiceThatDiesWhileStartingFailsTheLaunchNamingItsLogAndStopsTheRest(@TempDir Path tmp) throws Exception {
        Path repo = fakeRepository(tmp);
        LaunchConfig config = againstSharedInfrastructure(
                LaunchConfig.freePorts(repo, tmp.resolve("home"), Map.of("FAKE_FAIL", "deployment")));
        StackLauncher stack = new StackLauncher(config, console::add);

        DevstackException failure = assertThrows(DevstackException.class, stack::start);

        assertTrue(
                failure.getMessage().contains("deployment-service exited with code 3 before it was ready"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("deployment.log"), failure.getMessage());
        assertTrue(failure.getMessage().contains("deployment cannot start: boom"), failure.getMessage());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            assertFalse(Files.exists(tmp.resolve("home/pids/" + spec.name() + ".pid")), spec.name() + " left running");
        }
    }

    @Test
    void refusesToStartWhenAServiceIsNotBuilt(@TempDir Path tmp) throws Exception {
        Path repo = fakeRepository(tmp);
        Files.delete(ServiceSpec.ALL.get(3).runJar(repo));
        StackLauncher stack = new StackLauncher(
                againstSharedInfrastructure(LaunchConfig.freePorts(repo, tmp.resolve("home"), Map.of())), console::add);

        DevstackException failure = assertThrows(DevstackException.class, stack::start);

        assertTrue(
                failure.getMessage().contains("l10n-sync-service/target/quarkus-app/quarkus-run.jar"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("make build"), failure.getMessage());
    }

    @Test
    void secretsAreGeneratedOnceAndKeptUnlessTheEnvironmentSetsThem(@TempDir Path home) {
        String first = StoredSecret.ADMIN_PASSWORD.resolve(Map.of(), home).value();
        assertEquals(first, StoredSecret.ADMIN_PASSWORD.resolve(Map.of(), home).value());
        assertEquals(
                "chosen",
                StoredSecret.ADMIN_PASSWORD
                        .resolve(Map.of("OPSUITE_ADMIN_PASSWORD", "chosen"), home)
                        .value());
        String key = StoredSecret.ENCRYPTION_KEY.resolve(Map.of(), home).value();
        assertEquals(32, java.util.Base64.getDecoder().decode(key).length, "an AES-256 key");
        assertEquals(key, StoredSecret.ENCRYPTION_KEY.resolve(Map.of(), home).value(), "kept across restarts");
    }

    @Test
    void makeRunUsesTheFixedDevPortsAndTheRepositorysDevstackFolder(@TempDir Path tmp) throws Exception {
        Path repo = fakeRepository(tmp);
        LaunchConfig config = LaunchConfig.makeRun(repo, Map.of());
        assertEquals(repo.resolve(".devstack"), config.home());
        assertEquals(
                Map.of("gateway", 8080, "telemetry", 8081, "deployment", 8082, "l10n", 8083, "automation", 8084),
                config.ports());
        assertEquals(5433, config.devstack().postgresPort());
        assertEquals(9092, config.devstack().kafkaPort());
        assertEquals(
                repo, RepoRoot.searchUpwards(repo.resolve("deploy/devstack")).orElseThrow());
        assertEquals(
                "jdbc:postgresql://pg:5432/opsuite",
                LaunchConfig.makeRun(repo, Map.of("OPSUITE_PG_URL", "jdbc:postgresql://pg:5432/opsuite"))
                        .devstack()
                        .externalPostgres()
                        .jdbcUrl());
    }

    private static LaunchConfig againstSharedInfrastructure(LaunchConfig config) {
        Devstack shared = Devstack.shared();
        DevstackOptions external = config.devstack()
                .withExternalPostgres(shared.postgres())
                .withExternalKafka(shared.kafkaBootstrapServers());
        return new LaunchConfig(
                config.repoRoot(),
                config.home(),
                external,
                config.ports(),
                config.environment(),
                true,
                Duration.ofSeconds(60),
                false);
    }

    /** A repository root whose five quarkus-run.jar files start {@link FakeService} from the test classes. */
    private static Path fakeRepository(Path tmp) throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("deploy/devstack"));
        Files.writeString(repo.resolve("pom.xml"), "<project><artifactId>opsuite-parent</artifactId></project>");
        Path testClasses = Path.of(FakeService.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        manifest.getMainAttributes()
                .put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Path jar = spec.runJar(repo);
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar);
                    JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // manifest only
            }
        }
        return repo;
    }

    private static Map<String, String> envOf(String baseUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/env")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        Map<String, String> env = new HashMap<>();
        response.body().lines().forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        assertNotNull(env.get("QUARKUS_HTTP_PORT"));
        return env;
    }

    private static ProcessHandle pidIn(Path pidFile) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
