package dev.opsuite.telemetry.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Drives the Debian chromium package headless, each run with a fresh profile directory. */
final class Chromium {
    static final Path BINARY = Path.of(System.getProperty("opsuite.chromium", "/usr/bin/chromium"));

    private Chromium() {}

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The DOM after the page loaded (chromium --dump-dom). */
    static String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url), null);
    }

    static void screenshot(String url, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1400,1600", "--hide-scrollbars", url), png);
        if (!Files.exists(png) || Files.size(png) == 0) {
            throw new IOException("chromium wrote no screenshot to " + png);
        }
    }

    private static String run(List<String> args, Path expectedFile) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("opsuite-chromium-");
        try {
            List<String> cmd = new ArrayList<>(List.of(
                    BINARY.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile));
            cmd.addAll(args);
            Path stderr = Files.createTempFile("chromium-", ".log");
            Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("chromium did not finish within 90 s");
            }
            if (p.exitValue() != 0 && (expectedFile == null || !Files.exists(expectedFile))) {
                throw new IOException("chromium exited " + p.exitValue() + ": " + Files.readString(stderr));
            }
            Files.deleteIfExists(stderr);
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
