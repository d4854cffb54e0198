package dev.opsuite.devstack.launcher;

import dev.opsuite.devstack.Devstack;
import dev.opsuite.devstack.DevstackException;
import dev.opsuite.devstack.Directories;
import dev.opsuite.devstack.FreePorts;
import dev.opsuite.devstack.ServiceDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The stack behind `make run`, usable from Java (the end-to-end tests start it on free ports):
 * PostgreSQL + Kafka (via {@link Devstack}), the five schemas/roles, then the five packaged services
 * as processes, each waited for until {@code /q/health/ready} answers 200.
 *
 * <pre>{@code
 * try (StackLauncher stack = new StackLauncher(LaunchConfig.freePorts(RepoRoot.locate(), System.getenv()), System.out::println)) {
 *     stack.start();
 *     String gateway = stack.gatewayUrl();
 *     String password = stack.adminPassword();
 * }
 * }</pre>
 * {@link #close()} may be called from another thread (a shutdown hook) while {@link #start()} runs:
 * whatever has been started by then is stopped, services first, then Kafka, then PostgreSQL.
 */
public final class StackLauncher implements AutoCloseable {
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    private static final int DEV_GATEWAY_PORT = 8080;
    private static final int DEV_FACADE_HTTPS_PORT = 8443;

    private final LaunchConfig config;
    private final Consumer<String> console;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final Map<String, ServiceDatabase> databases = new LinkedHashMap<>();
    private volatile Devstack devstack;
    private volatile boolean closing;
    private volatile String adminPassword;
    private volatile String adminPasswordSource;
    private volatile String encryptionKey;
    private final int facadeHttpsPort;

    public StackLauncher(LaunchConfig config, Consumer<String> console) {
        this.config = config;
        this.console = console;
        // the gateway's HTTPS listener for PVE clients: 8443 beside the dev ports, a free port otherwise
        this.facadeHttpsPort =
                config.port("gateway") == DEV_GATEWAY_PORT ? DEV_FACADE_HTTPS_PORT : FreePorts.pick(1)[0];
    }

    /** Starts everything and returns once every service is ready; on failure stops what it started and throws. */
    public void start() {
        try {
            startInfrastructure();
            if (config.startServices()) {
                startServices();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startInfrastructure() {
        if (config.startServices()) {
            requireRunJars();
            requireFreeServicePorts();
        }
        StoredSecret.Resolved admin = StoredSecret.ADMIN_PASSWORD.resolve(config.environment(), config.home());
        adminPassword = admin.value();
        encryptionKey = StoredSecret.ENCRYPTION_KEY
                .resolve(config.environment(), config.home())
                .value();
        adminPasswordSource = admin.source();

        console.accept("devstack: starting "
                + (config.devstack().externalPostgres() == null ? "PostgreSQL" : "(external PostgreSQL)") + " and "
                + (config.devstack().externalKafka() == null ? "Kafka" : "(external Kafka)") + " ...");
        long t0 = System.nanoTime();
        Devstack started = Devstack.start(config.devstack());
        devstack = started;
        if (closing) { // Ctrl-C arrived while it was starting
            closeResources();
            throw new DevstackException("Stopped while starting");
        }
        for (ServiceSpec spec : ServiceSpec.ALL) {
            databases.put(spec.name(), started.ensureSchema(spec.name()));
            ServiceExtensions.of(spec.name()).forEach(ext -> started.ensureExtension(spec.name(), ext));
        }
        console.accept(String.format(
                "devstack: PostgreSQL %s, Kafka %s ready in %.1fs",
                started.postgres().jdbcUrl(), started.kafkaBootstrapServers(), (System.nanoTime() - t0) / 1e9));
    }

    private void startServices() {
        Map<ServiceSpec, ServiceProcess> starting = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (closing) {
                throw new DevstackException("Stopped while starting");
            }
            int port = config.port(spec.name());
            ServiceProcess service = ServiceProcess.start(
                    spec,
                    port,
                    config.repoRoot(),
                    serviceEnvironment(spec),
                    config.serviceJvmOptions(),
                    config.logDirectory(),
                    config.home().resolve("pids"),
                    console);
            services.add(service);
            starting.put(spec, service);
            console.accept(service.prefix() + "starting " + spec.module() + " on port " + port + " (pid "
                    + service.process().pid() + ", log " + displayPath(service.logFile()) + ")");
        }
        new Readiness(config.readyTimeout(), console, this::displayPath)
                .awaitAll(List.copyOf(starting.values()), () -> closing);
        for (ServiceProcess service : services) {
            service.process().onExit().thenAccept(p -> {
                if (!closing) {
                    console.accept(service.prefix() + "exited unexpectedly with code " + p.exitValue() + "; see "
                            + displayPath(service.logFile()));
                }
            });
        }
    }

    /** The launcher's environment, then what this stack decides (database, Kafka, port, JWKS, upstreams). */
    Map<String, String> serviceEnvironment(ServiceSpec spec) {
        Map<String, String> env = new HashMap<>(config.environment());
        env.putAll(databases.get(spec.name()).environment());
        env.put("KAFKA_BOOTSTRAP_SERVERS", devstack.kafkaBootstrapServers());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(config.port(spec.name())));
        env.put(StoredSecret.ADMIN_PASSWORD.env, adminPassword);
        env.put(StoredSecret.ENCRYPTION_KEY.env, encryptionKey);
        env.putIfAbsent("OPSUITE_JWKS_URL", gatewayUrl() + "/.well-known/jwks.json");
        if (spec.isGateway()) {
            env.putIfAbsent("OPSUITE_PVE_HTTPS_PORT", Integer.toString(facadeHttpsPort));
            // the self-signed certificate lives with the stack's data, so clients can pin it across restarts
            env.putIfAbsent(
                    "OPSUITE_PVE_HTTPS_SELF_SIGNED_DIR",
                    config.home().resolve("pve-facade-tls").toString());
            for (ServiceSpec upstream : ServiceSpec.upstreams()) {
                env.putIfAbsent(upstream.gatewayUpstreamVariable(), "http://localhost:" + config.port(upstream.name()));
            }
        }
        return env;
    }

    private void requireRunJars() {
        List<String> missing = ServiceSpec.ALL.stream()
                .map(s -> s.runJar(config.repoRoot()))
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> config.repoRoot().relativize(jar).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new DevstackException("Not built yet: " + String.join(", ", missing)
                    + ". Build first: `make build` (or ./mvnw -B -DskipTests package).");
        }
    }

    private void requireFreeServicePorts() {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            int port = config.port(spec.name());
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                throw new DevstackException(
                        "Port " + port + " for " + spec.module() + " is already in use "
                                + "(another opsuite still running? a leftover `java -jar ...quarkus-run.jar`?). Stop it first.");
            }
        }
    }

    public Devstack devstack() {
        return devstack;
    }

    public LaunchConfig config() {
        return config;
    }

    public String gatewayUrl() {
        return "http://localhost:" + config.port("gateway");
    }

    /** The PVE facade's HTTPS base URL, what PVE clients (proxmoxer, Terraform, curl) point at. */
    public String facadeUrl() {
        return "https://localhost:" + facadeHttpsPort + "/api2/json";
    }

    /** Base URL of one service, by short name (gateway, telemetry, deployment, l10n, automation). */
    public String serviceUrl(String service) {
        return "http://localhost:" + config.port(service);
    }

    public String adminUser() {
        return "admin";
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Where the admin password came from (environment, stored file, generated). */
    public String adminPasswordSource() {
        return adminPasswordSource;
    }

    /** Database settings of one service, by short name. */
    public ServiceDatabase database(String service) {
        return databases.get(service);
    }

    public Path logFile(String service) {
        return config.logDirectory().resolve(service + ".log");
    }

    /** Stops the services (all at once, each given 20 s), then Kafka, then PostgreSQL. Idempotent. */
    @Override
    public void close() {
        closing = true;
        closeResources();
    }

    private synchronized void closeResources() {
        List<ServiceProcess> running = new ArrayList<>(services);
        Collections.reverse(running);
        if (running.stream().anyMatch(ServiceProcess::isAlive)) {
            console.accept("devstack: stopping services ...");
        }
        running.forEach(ServiceProcess::requestStop);
        running.forEach(s -> s.stop(SERVICE_STOP_GRACE));
        services.clear();
        Devstack stack = devstack;
        devstack = null;
        if (stack != null) {
            console.accept("devstack: stopping Kafka and PostgreSQL ...");
            try {
                stack.close();
            } catch (RuntimeException e) {
                console.accept("devstack: " + e.getMessage());
            }
        }
        if (config.deleteHomeOnClose()) {
            try {
                Directories.deleteTree(config.home());
            } catch (RuntimeException e) {
                // temporary directory
            }
        }
    }

    private String displayPath(Path path) {
        Path absolute = path.toAbsolutePath();
        return absolute.startsWith(config.repoRoot())
                ? config.repoRoot().relativize(absolute).toString()
                : absolute.toString();
    }
}
