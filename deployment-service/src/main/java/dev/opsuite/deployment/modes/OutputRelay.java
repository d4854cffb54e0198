package dev.opsuite.deployment.modes;

import dev.opsuite.common.crypto.SecretMasker;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.process.Executables;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a started app's output goes: a file only the service can read ({@code 0600} in {@code 0700}
 * directories), written through a small relay process that masks the deployment's secrets (the forms
 * {@link SecretMasker} knows) before they reach the disk. The relay runs beside the app, not in the
 * service's JVM, so an app survives a restart of the service with its logging intact.
 */
@ApplicationScoped
public class OutputRelay {
    private static final String SCRIPT = "relay/output-relay.py";
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final DeploymentConfig config;
    private final Executables executables;

    public OutputRelay(DeploymentConfig config, Executables executables) {
        this.config = config;
        this.executables = executables;
    }

    /** The private log file of a deployment's app, created empty if new. */
    public Path logFile(String app, String environment, String deploymentId) {
        try {
            Path file = privateDirectory("instances", app, environment).resolve(deploymentId + ".log");
            if (!Files.exists(file)) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log file of " + app + "/" + environment, e);
        }
    }

    /**
     * Starts {@code app} with its output relayed into {@code logFile}, masked; without secrets it
     * writes to the file directly. @return the app's process (the relay is not part of its tree).
     */
    public Process start(ProcessBuilder app, Path logFile, SecretMasker masker) throws IOException {
        app.redirectErrorStream(true);
        if (!relays(masker)) {
            return app.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        }
        Optional<Path> python = Executables.find("python3", executables.searchPath());
        if (python.isEmpty()) {
            throw new IOException("python3 is needed to mask secrets in the app's output, and none is on the PATH");
        }
        ProcessBuilder relay = new ProcessBuilder(python.get().toString(), "-u", script().toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = relay.environment();
        env.clear();
        env.putAll(executables.baseEnvironment()); // a python3 that is a shim (pyenv) needs PATH and HOME
        env.put("OPSUITE_MASK_NEEDLES", hex(masker.needles()));
        app.redirectOutput(ProcessBuilder.Redirect.PIPE);
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(app, relay));
        return pipeline.get(0);
    }

    /**
     * Waits (at most {@code max}) until the log file has stopped growing for a moment: the relay is a
     * separate process, and what the app printed before it turned healthy should be in the deployment's
     * log before that log ends. With a relay ({@code relayed}), an empty file is not yet quiet: the relay
     * may still be starting (seconds on a loaded host) while the app has printed its first lines.
     */
    public void awaitQuiet(Path logFile, Duration max, boolean relayed) {
        long deadline = System.nanoTime() + max.toNanos();
        long last = -1;
        int stable = 0;
        try {
            while (stable < 3 && System.nanoTime() < deadline) {
                long size = Files.size(logFile);
                stable = size == last && (size > 0 || !relayed) ? stable + 1 : 0;
                last = size;
                Thread.sleep(50);
            }
        } catch (IOException e) {
            // nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #start} puts a relay between an app with these secrets and its log file. */
    public static boolean relays(SecretMasker masker) {
        return !masker.isEmpty();
    }

    private static String hex(List<String> needles) {
        HexFormat hex = HexFormat.of();
        return needles.stream()
                .map(n -> hex.formatHex(n.getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
    }

    /** The relay script, copied from the service's resources into its state directory once. */
    private synchronized Path script() throws IOException {
        Path target = privateDirectory("bin").resolve("output-relay.py");
        try (InputStream in = OutputRelay.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is missing from the service's resources");
            }
            byte[] wanted = in.readAllBytes();
            if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), wanted)) {
                Path tmp = Files.createTempFile(target.getParent(), "relay", ".py");
                Files.write(tmp, wanted);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }

    /** A directory under the state directory that only the service's user may enter (0700 at each level). */
    private Path privateDirectory(String... names) throws IOException {
        Path dir = Path.of(config.stateDir());
        Files.createDirectories(dir);
        for (String name : names) {
            dir = dir.resolve(name);
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
            } else {
                Files.setPosixFilePermissions(dir, PRIVATE_DIRECTORY); // earlier versions created them 0755
            }
        }
        return dir;
    }
}
