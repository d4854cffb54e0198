package dev.opsuite.devstack.launcher;

import dev.opsuite.devstack.DevstackException;
import dev.opsuite.devstack.ProcessTrees;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One service running as {@code java -jar <module>/target/quarkus-app/quarkus-run.jar}, started from
 * the repository root. Its whole output goes to its log file; warnings, errors and the start/stop
 * lines also reach the console, prefixed with the service name.
 */
final class ServiceProcess {
    /** Quarkus' default console format puts the level right before the category: "WARN  [io.qu...]". */
    private static final Pattern NOTEWORTHY = Pattern.compile(
            "\\b(WARN|ERROR|FATAL)\\s+\\[|started in \\d|stopped in \\d|Listening on|Exception in thread");

    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} ");
    private static final int TAIL_LINES = 30;

    private final ServiceSpec spec;
    private final int port;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile Thread pump;

    private ServiceProcess(ServiceSpec spec, int port, Process process, Path logFile, Path pidFile) {
        this.spec = spec;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    static ServiceProcess start(
            ServiceSpec spec,
            int port,
            Path repoRoot,
            Map<String, String> environment,
            List<String> jvmOptions,
            Path logDir,
            Path pidDir,
            Consumer<String> console) {
        Path logFile = logDir.resolve(spec.name() + ".log");
        Path pidFile = pidDir.resolve(spec.name() + ".pid");
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(pidDir);
            StaleService.stopIfRunning(pidFile, spec);
            if (Files.exists(logFile)) { // keep the previous run's log for post-mortems
                Files.move(logFile, logDir.resolve(spec.name() + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(repoRoot.relativize(spec.runJar(repoRoot)).toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repoRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            ServiceProcess service = new ServiceProcess(spec, port, process, logFile, pidFile);
            service.pumpOutput(console);
            return service;
        } catch (IOException e) {
            throw new DevstackException("Could not start " + spec.module() + ": " + e.getMessage(), e);
        }
    }

    private void pumpOutput(Consumer<String> console) throws IOException {
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        pump = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            log) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            log.write(line);
                            log.newLine();
                            log.flush();
                            remember(line);
                            if (NOTEWORTHY.matcher(line).find()) {
                                console.accept(
                                        prefix() + TIMESTAMP.matcher(line).replaceFirst(""));
                            }
                        }
                    } catch (IOException e) {
                        // the process ended or the log is gone: nothing more to copy
                    }
                },
                "log-" + spec.name());
        pump.setDaemon(true);
        pump.start();
    }

    private synchronized void remember(String line) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    /** The last lines the service printed, for error messages (after its output is drained, if it ended). */
    List<String> tail() {
        Thread copying = pump;
        if (!process.isAlive() && copying != null) {
            try {
                copying.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            return List.copyOf(tail);
        }
    }

    String prefix() {
        return String.format("[%-10s] ", spec.name());
    }

    ServiceSpec spec() {
        return spec;
    }

    int port() {
        return port;
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL after {@code grace}. */
    void stop(Duration grace) {
        ProcessTrees.stopTree(process.toHandle(), grace);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the next start checks the pid's command line anyway
        }
    }

    /** Sends SIGTERM without waiting, so all services can shut down in parallel. */
    void requestStop() {
        process.toHandle().destroy();
    }

    /** A service left running by a launcher that was killed hard would hold its port. */
    private static final class StaleService {
        static void stopIfRunning(Path pidFile, ServiceSpec spec) throws IOException {
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            try {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info()
                                .commandLine()
                                .map(c -> c.contains(spec.module() + "/target/quarkus-app/quarkus-run.jar"))
                                .orElse(false))
                        .ifPresent(p -> ProcessTrees.stopTree(p, Duration.ofSeconds(20)));
            } catch (NumberFormatException e) {
                // unreadable: nothing we can safely stop
            }
            Files.deleteIfExists(pidFile);
        }
    }
}
