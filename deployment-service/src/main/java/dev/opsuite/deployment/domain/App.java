package dev.opsuite.deployment.domain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A registered application: where its sources live and how it starts and reports health. */
public record App(
        String name,
        String sourcePath,
        String composeFile,
        List<String> startCommand,
        String healthUrl,
        int healthTimeoutSeconds,
        String python) {

    public Path source() {
        return Path.of(sourcePath);
    }

    /** The compose file to use: the configured one, else docker-compose.yml/compose.yaml if present. */
    public Path composePath() {
        if (composeFile != null && !composeFile.isBlank()) {
            Path p = source().resolve(composeFile);
            return Files.isRegularFile(p) ? p : null;
        }
        for (String candidate : List.of("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml")) {
            Path p = source().resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    public boolean hasPyproject() {
        return Files.isRegularFile(source().resolve("pyproject.toml"));
    }

    public boolean hasUvLock() {
        return Files.isRegularFile(source().resolve("uv.lock"));
    }

    public boolean hasRequirements() {
        return Files.isRegularFile(source().resolve("requirements.txt"));
    }

    public String pythonOrDefault() {
        return python == null || python.isBlank() ? "python3" : python;
    }
}
