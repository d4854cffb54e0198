package dev.opsuite.deployment.process;

import dev.opsuite.deployment.DeploymentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds executables and builds the base environment of every command. Java looks up a bare command
 * name in the JVM's own PATH, not in the child's environment, so commands are resolved here against
 * the PATH the child will get (configured tool path first) and started by absolute path.
 */
@ApplicationScoped
public class Executables {
    private final List<String> toolPath;

    public Executables(DeploymentConfig config) {
        this.toolPath =
                config.toolPath().map(p -> List.of(p.split(File.pathSeparator))).orElse(List.of());
    }

    /** PATH for child processes: configured tool directories, then the service's own PATH. */
    public String searchPath() {
        List<String> dirs = new ArrayList<>(toolPath);
        String system = System.getenv("PATH");
        if (system != null) {
            dirs.addAll(List.of(system.split(File.pathSeparator)));
        }
        return String.join(
                File.pathSeparator,
                dirs.stream().filter(d -> !d.isBlank()).distinct().toList());
    }

    /** Environment every command starts from: no service secrets leak, only what tools need. */
    public Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of(
                "HOME",
                "LANG",
                "LC_ALL",
                "TZ",
                "USER",
                "TMPDIR",
                "PYENV_ROOT",
                "PYENV_VERSION",
                "DOCKER_HOST",
                "DOCKER_CONFIG",
                "XDG_RUNTIME_DIR",
                "UV_CACHE_DIR",
                "PIP_INDEX_URL",
                "PIP_FIND_LINKS",
                "PIP_EXTRA_INDEX_URL",
                "PIP_NO_INDEX",
                "SSL_CERT_FILE")) {
            String v = System.getenv(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        env.put("PATH", searchPath());
        return env;
    }

    public Optional<Path> find(String command) {
        return find(command, searchPath());
    }

    /** A command with a '/' is a path (relative to cwd if relative); otherwise searched in {@code path}. */
    public static Optional<Path> find(String command, String path) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
