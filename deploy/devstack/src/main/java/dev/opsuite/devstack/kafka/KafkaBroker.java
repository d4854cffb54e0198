package dev.opsuite.devstack.kafka;

import dev.opsuite.devstack.DevstackException;
import dev.opsuite.devstack.Directories;
import dev.opsuite.devstack.FreePorts;
import dev.opsuite.devstack.ProcessTrees;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, one node that is broker and controller at once) in its own JVM,
 * listening on loopback. Its own JVM because the users of devstack are Quarkus applications and tests
 * whose class path must not get Scala and the broker's dependencies.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Path pidFile;
    private final boolean ephemeral;

    private KafkaBroker(Process process, int port, Path logFile, Path pidFile, boolean ephemeral) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.ephemeral = ephemeral;
    }

    /**
     * Starts a broker on fixed ports with data in {@code dataDirectory}, kept across restarts (formatted
     * only the first time). A broker left behind by a killed launcher for the same directory is stopped first.
     */
    public static KafkaBroker startPersistent(Path dataDirectory, int port, int controllerPort, Path logFile) {
        StaleBroker.stopIfRunning(dataDirectory.resolve("broker.pid"));
        requireFree(port, "Kafka");
        requireFree(controllerPort, "the Kafka controller");
        return launch(dataDirectory, port, controllerPort, logFile, false);
    }

    /** Starts a throwaway broker on free ports; a port taken between probe and bind is retried. */
    public static KafkaBroker startEphemeral(Path dataDirectory, Path logFile) {
        DevstackException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int[] ports = FreePorts.pick(2);
            try {
                return launch(dataDirectory, ports[0], ports[1], logFile, true);
            } catch (PortTakenException e) {
                last = e;
                deleteQuietly(dataDirectory);
            }
        }
        throw last;
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker and everything it started: gracefully when its data is kept, at once when not. */
    @Override
    public void close() {
        ProcessTrees.stopTree(process.toHandle(), ephemeral ? Duration.ZERO : Duration.ofSeconds(30));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the next start checks the pid's process anyway
        }
    }

    private static KafkaBroker launch(Path dir, int port, int controllerPort, Path logFile, boolean ephemeral) {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Path config = dir.resolve("server.properties");
            Files.writeString(config, BrokerConfig.render(dir.resolve("data"), HOST, port, controllerPort));
            List<Path> brokerJars = BrokerClasspath.brokerJars();
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                format(brokerJars, config, logFile);
            }
            List<String> command = javaCommand(brokerJars, ephemeral);
            Optional<Path> devstackCode = BrokerClasspath.devstackCode();
            if (devstackCode.isPresent()) {
                command.set(
                        command.indexOf("-cp") + 1,
                        devstackCode.get() + File.pathSeparator + command.get(command.indexOf("-cp") + 1));
                command.add(BrokerMain.class.getName());
            } else {
                command.add("kafka.Kafka"); // no watchdog possible; the shutdown hook still stops it
            }
            command.add(config.toString());
            long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE) // see BrokerMain: EOF = parent gone
                    .start();
            Path pidFile = dir.resolve("broker.pid");
            Files.writeString(pidFile, Long.toString(process.pid()));
            KafkaBroker broker = new KafkaBroker(process, port, logFile, pidFile, ephemeral);
            try {
                broker.awaitReady(logOffset);
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (IOException e) {
            throw new DevstackException("Kafka did not start: " + e.getMessage() + " (log: " + logFile + ")", e);
        }
    }

    private static List<String> javaCommand(List<Path> brokerJars, boolean ephemeral) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m",
                "-Xmx512m",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS"));
        if (ephemeral) {
            // tests: start fast and stay small on two shared cores; throughput does not matter
            command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xss512k"));
        }
        command.add("-cp");
        command.add(String.join(
                File.pathSeparator, brokerJars.stream().map(Path::toString).toList()));
        return command;
    }

    private static void format(List<Path> brokerJars, Path config, Path logFile) throws IOException {
        List<String> command = javaCommand(brokerJars, true);
        command.addAll(List.of(
                "kafka.tools.StorageTool",
                "format",
                "--ignore-formatted",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                config.toString()));
        Process format = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!format.waitFor(2, TimeUnit.MINUTES)) {
                format.destroyForcibly();
                throw new DevstackException("Formatting Kafka storage timed out (log: " + logFile + ")");
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DevstackException("Interrupted while formatting Kafka storage");
        }
        if (format.exitValue() != 0) {
            throw new DevstackException(
                    "Formatting Kafka storage failed with exit code " + format.exitValue() + " (log: " + logFile + ")");
        }
    }

    /**
     * Ready = the broker answers a metadata request listing itself, not merely an open port. The port
     * is awaited first with plain sockets: an admin client polling a closed port logs a warning every
     * few hundred milliseconds into the output of every test JVM.
     */
    private void awaitReady(long logOffset) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        awaitPortOpen(deadline, logOffset);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                AdminClientConfig.CLIENT_ID_CONFIG, "opsuite-devstack-readiness");
        // kafka-clients loads its plugins (metrics reporters, ...) through the context class loader,
        // which on pool threads or in a launcher with its own class loader is not the one that has it
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Admin.class.getClassLoader());
        try (Admin admin = Admin.create(config)) {
            while (true) {
                requireAlive(logOffset);
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new DevstackException("Kafka did not become ready within " + READY_TIMEOUT.toSeconds()
                            + "s on " + bootstrapServers() + "; see " + logFile);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("Interrupted while waiting for Kafka");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void awaitPortOpen(Instant deadline, long logOffset) {
        while (true) {
            requireAlive(logOffset);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DevstackException("Kafka did not open port " + port + " within " + READY_TIMEOUT.toSeconds()
                        + "s; see " + logFile);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevstackException("Interrupted while waiting for Kafka");
            }
        }
    }

    private void requireAlive(long logOffset) {
        if (process.isAlive()) {
            return;
        }
        try {
            process.waitFor(); // let the last output reach the log
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String log = logSince(logOffset);
        if (log.contains("Address already in use")) {
            throw new PortTakenException("Kafka could not bind its ports (log: " + logFile + ")");
        }
        throw new DevstackException(
                "Kafka exited with code " + process.exitValue() + " while starting; see " + logFile + lastLines(log));
    }

    private String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLines(String log) {
        List<String> lines = log.lines().toList();
        return lines.isEmpty()
                ? ""
                : ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new DevstackException("Port " + port + " for " + what + " is already in use. If a Kafka is running "
                    + "there, use it with KAFKA_BOOTSTRAP_SERVERS=localhost:" + port
                    + "; otherwise stop what holds the port.");
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            Directories.deleteTree(dir);
        } catch (UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }

    /** Binding failed because another process took a port between probe and bind. */
    private static final class PortTakenException extends DevstackException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
