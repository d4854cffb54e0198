package dev.opsuite.devstack.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A persistent data directory may still have a postmaster from a launcher that was killed with
 * SIGKILL (pg_ctl detaches the server, so it outlives the JVM). It would hold the port and the data
 * directory, and the next start would fail; stop it the way pg_ctl does (SIGTERM = smart shutdown,
 * then SIGINT = fast) before starting afresh.
 */
final class StalePostmaster {
    private StalePostmaster() {}

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (process.isEmpty()) {
            return; // stale pid file only: postgres itself ignores it
        }
        ProcessHandle postmaster = process.get();
        CompletableFuture<ProcessHandle> exited = postmaster.onExit();
        postmaster.destroy();
        try {
            exited.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.destroyForcibly();
        }
    }
}
