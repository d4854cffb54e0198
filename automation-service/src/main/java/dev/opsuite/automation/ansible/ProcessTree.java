package dev.opsuite.automation.ansible;

import java.time.Duration;
import java.util.List;

/** Ends a local process and everything it started: TERM to the whole tree, KILL to what survives the grace. */
final class ProcessTree {
    private ProcessTree() {}

    static void kill(Process process, Duration grace) {
        List<ProcessHandle> tree = process.toHandle().descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline
                && (process.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive))) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // descendants may have forked meanwhile: look again
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
