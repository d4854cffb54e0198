package dev.opsuite.devstack.launcher;

import dev.opsuite.devstack.DevstackException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Finds the opsuite repository: the folder whose pom.xml is opsuite-parent. Tried in order:
 * {@code -Dopsuite.repo.root} / {@code OPSUITE_REPO_ROOT}, the folders above the launcher jar
 * (deploy/devstack/target/devstack-launcher.jar), the folders above the working directory.
 */
public final class RepoRoot {
    public static final String PROPERTY = "opsuite.repo.root";
    public static final String ENV = "OPSUITE_REPO_ROOT";

    private RepoRoot() {}

    public static Path locate() {
        String explicit = Optional.ofNullable(System.getProperty(PROPERTY)).orElse(System.getenv(ENV));
        if (explicit != null && !explicit.isBlank()) {
            Path root = Path.of(explicit).toAbsolutePath().normalize();
            if (!isRepoRoot(root)) {
                throw new DevstackException(
                        root + " (from " + PROPERTY + "/" + ENV + ") is not the opsuite repository");
            }
            return root;
        }
        return launcherLocation()
                .flatMap(RepoRoot::searchUpwards)
                .or(() -> searchUpwards(Path.of("").toAbsolutePath()))
                .orElseThrow(
                        () -> new DevstackException("Cannot find the opsuite repository (a folder whose pom.xml is "
                                + "opsuite-parent) above the launcher jar or the working directory; run from the repository "
                                + "or set " + ENV));
    }

    static Optional<Path> searchUpwards(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isRepoRoot(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    static boolean isRepoRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)
                || !Files.isDirectory(dir.resolve("deploy").resolve("devstack"))) {
            return false;
        }
        try {
            return Files.readString(pom).contains("<artifactId>opsuite-parent</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> launcherLocation() {
        CodeSource source = RepoRoot.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).getParent());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
