package dev.opsuite.l10n.queue;

import dev.opsuite.l10n.L10nConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The service's own workers (l10n.queue.workers per instance, virtual threads): each leases the next
 * due task of a type it has a {@link TaskHandler} for, runs it and completes it; one loop also
 * turns leases that expired on their last attempt into dead tasks.
 */
@ApplicationScoped
public class BuiltinWorkers {
    private static final Logger LOG = Logger.getLogger(BuiltinWorkers.class);

    private final TaskQueue queue;
    private final L10nConfig config;
    private final Map<String, TaskHandler> handlers = new HashMap<>();
    private final Semaphore poke = new Semaphore(0);
    private final String owner =
            "builtin-" + ManagementFactory.getRuntimeMXBean().getName();
    private volatile boolean running;

    public BuiltinWorkers(TaskQueue queue, L10nConfig config, Instance<TaskHandler> all) {
        this.queue = queue;
        this.config = config;
        for (TaskHandler h : all) {
            handlers.put(h.type(), h);
        }
    }

    void start(@Observes StartupEvent ev) {
        running = true;
        for (int i = 0; i < config.queue().workers(); i++) {
            Thread.ofVirtual().name("l10n-worker-" + i).start(this::loop);
        }
        Thread.ofVirtual().name("l10n-queue-reaper").start(this::reap);
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        poke.release(64);
    }

    public void pokeSoon() {
        poke.release();
    }

    public List<String> types() {
        return new ArrayList<>(handlers.keySet());
    }

    private void loop() {
        List<String> types = types();
        while (running) {
            try {
                Optional<Task> next = queue.leaseNext(
                        types, owner, (int) config.queue().workerLease().toSeconds());
                if (next.isEmpty()) {
                    poke.tryAcquire(config.queue().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                run(next.get());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("queue worker round failed: %s", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void run(Task t) {
        TaskHandler h = handlers.get(t.type());
        String output;
        try {
            output = h.handle(t.id(), t.payloadJson());
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            LOG.warnf("task %d (%s) attempt %d failed: %s", t.id(), t.type(), t.attempts(), error);
            queue.complete(t.id(), owner, t.leaseToken(), false, null, error);
            return;
        }
        queue.complete(t.id(), owner, t.leaseToken(), true, output == null ? "{}" : output, null);
    }

    private void reap() {
        while (running) {
            try {
                queue.reapExpired();
                Thread.sleep(Math.max(200, config.queue().pollInterval().toMillis()));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("queue reaper round failed: %s", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }
}
