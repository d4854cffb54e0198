package dev.opsuite.devstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a process together with everything it started. */
public final class ProcessTrees {
    private ProcessTrees() {}

    /**
     * Asks the process and its descendants to stop (SIGTERM), waits up to {@code grace} for the root,
     * then kills whatever is left (SIGKILL). A zero grace kills at once.
     */
    public static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> descendants = root.descendants().toList();
        if (grace.isZero()) {
            root.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
        } else {
            root.destroy();
            descendants.forEach(ProcessHandle::destroy);
        }
        try {
            root.onExit()
                    .get(
                            grace.isZero() ? 10 : grace.toMillis(),
                            grace.isZero() ? TimeUnit.SECONDS : TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // did not stop in time: force below
        }
        root.destroyForcibly();
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
