package dev.opsuite.devstack.kafka;

import dev.opsuite.devstack.ProcessTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Stops a broker left running for the same data directory by a launcher that was killed hard. */
final class StaleBroker {
    private StaleBroker() {}

    static void stopIfRunning(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    // only if it is still our broker: pids are reused
                    .filter(p -> p.info()
                            .commandLine()
                            .map(c -> c.contains(BrokerMain.class.getName()) || c.contains("kafka.Kafka"))
                            .orElse(false))
                    .ifPresent(p -> ProcessTrees.stopTree(p, Duration.ofSeconds(30)));
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            // unreadable pid file: nothing we can safely stop
        }
    }
}
