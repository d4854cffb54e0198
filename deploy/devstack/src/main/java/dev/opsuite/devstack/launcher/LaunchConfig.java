package dev.opsuite.devstack.launcher;

import dev.opsuite.devstack.DevstackOptions;
import dev.opsuite.devstack.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link StackLauncher} needs to know.
 *
 * @param repoRoot          the repository; services start from {@code <module>/target/quarkus-app}
 * @param home              logs, pid files, the admin password and (when persistent) the data
 * @param devstack          PostgreSQL and Kafka
 * @param ports             service name -> HTTP port
 * @param environment       the caller's environment: source of overrides (OPSUITE_ADMIN_PASSWORD,
 *                          OPSUITE_GATEWAY_UPSTREAM_*, OPSUITE_JWKS_URL, OPSUITE_SERVICE_JAVA_OPTS) and
 *                          inherited by the services
 * @param startServices     false = infrastructure only
 * @param readyTimeout      how long each service may take to answer /q/health/ready with 200
 * @param deleteHomeOnClose for throwaway stacks
 */
public record LaunchConfig(
        Path repoRoot,
        Path home,
        DevstackOptions devstack,
        Map<String, Integer> ports,
        Map<String, String> environment,
        boolean startServices,
        Duration readyTimeout,
        boolean deleteHomeOnClose) {

    public static final int DEV_POSTGRES_PORT = 5433;
    public static final int DEV_KAFKA_PORT = 9092;
    public static final int DEV_KAFKA_CONTROLLER_PORT = 9093;
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(4);
    public static final String ENV_READY_TIMEOUT = "OPSUITE_READY_TIMEOUT_SECONDS";

    /**
     * What `make run` uses: fixed dev ports, data in {@code <repo>/.devstack} kept across runs, and
     * external PostgreSQL/Kafka when OPSUITE_PG_URL / KAFKA_BOOTSTRAP_SERVERS are set.
     */
    public static LaunchConfig makeRun(Path repoRoot, Map<String, String> environment) {
        Path home = repoRoot.resolve(".devstack");
        Map<String, Integer> ports = new LinkedHashMap<>();
        ServiceSpec.ALL.forEach(s -> ports.put(s.name(), s.defaultPort()));
        DevstackOptions devstack = DevstackOptions.persistent(
                        home, DEV_POSTGRES_PORT, DEV_KAFKA_PORT, DEV_KAFKA_CONTROLLER_PORT)
                .withEnvironment(environment);
        return new LaunchConfig(
                repoRoot,
                home,
                devstack,
                Map.copyOf(ports),
                Map.copyOf(environment),
                true,
                readyTimeout(environment),
                false);
    }

    /**
     * The same stack on free ports with throwaway data in {@code home} (kept after close, for its logs):
     * what the end-to-end tests use. External PostgreSQL/Kafka variables are not honoured here.
     */
    public static LaunchConfig freePorts(Path repoRoot, Path home, Map<String, String> environment) {
        int[] free = FreePorts.pick(ServiceSpec.ALL.size());
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < free.length; i++) {
            ports.put(ServiceSpec.ALL.get(i).name(), free[i]);
        }
        DevstackOptions devstack =
                new DevstackOptions(home.toAbsolutePath(), 0, 0, 0, null, null, DevstackOptions.DATABASE);
        return new LaunchConfig(
                repoRoot,
                home.toAbsolutePath(),
                devstack,
                Map.copyOf(ports),
                Map.copyOf(environment),
                true,
                readyTimeout(environment),
                false);
    }

    /** {@link #freePorts(Path, Path, Map)} in a temporary directory that is removed on close. */
    public static LaunchConfig freePorts(Path repoRoot, Map<String, String> environment) {
        try {
            return freePorts(repoRoot, Files.createTempDirectory("opsuite-stack-"), environment)
                    .deletingHomeOnClose();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LaunchConfig infrastructureOnly() {
        return new LaunchConfig(repoRoot, home, devstack, ports, environment, false, readyTimeout, deleteHomeOnClose);
    }

    public LaunchConfig withReadyTimeout(Duration timeout) {
        return new LaunchConfig(
                repoRoot, home, devstack, ports, environment, startServices, timeout, deleteHomeOnClose);
    }

    public LaunchConfig deletingHomeOnClose() {
        return new LaunchConfig(repoRoot, home, devstack, ports, environment, startServices, readyTimeout, true);
    }

    public int port(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException("Unknown service " + service + "; known: " + ports.keySet());
        }
        return port;
    }

    public Path logDirectory() {
        return home.resolve("logs");
    }

    /**
     * JVM options of every service started here: five JVMs on one developer machine. Measured
     * (deploy/bench/footprint.sh, RESULTS.md "footprint"): on a big machine the JVM picks G1 with an
     * initial heap of 1/64 of RAM, and C2 compiles during the start; a small initial heap with the
     * serial collector, and the C1 compiler only, start the services sooner and keep each one near
     * 200 MB when idle. Peak throughput is lower without C2: the benchmarks start their services with
     * options of their own, and OPSUITE_SERVICE_JAVA_OPTS replaces these.
     */
    static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of(
            "-Xms16m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    /** JVM options of every service: OPSUITE_SERVICE_JAVA_OPTS, else {@link #DEFAULT_SERVICE_JVM_OPTIONS}. */
    public List<String> serviceJvmOptions() {
        String custom = environment.get("OPSUITE_SERVICE_JAVA_OPTS");
        if (custom != null && !custom.isBlank()) {
            return Arrays.stream(custom.trim().split("\\s+")).toList();
        }
        return DEFAULT_SERVICE_JVM_OPTIONS;
    }

    private static Duration readyTimeout(Map<String, String> environment) {
        String seconds = environment.get(ENV_READY_TIMEOUT);
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_READY_TIMEOUT;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ENV_READY_TIMEOUT + " must be a number of seconds, not " + seconds);
        }
    }
}
