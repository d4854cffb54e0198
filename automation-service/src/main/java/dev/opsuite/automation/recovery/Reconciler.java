package dev.opsuite.automation.recovery;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.domain.TaskStore;
import dev.opsuite.automation.events.TaskEvents;
import dev.opsuite.automation.notify.Notifier;
import dev.opsuite.automation.task.InstanceId;
import dev.opsuite.automation.task.TaskEngine;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps task states truthful when a replica dies: at start-up a replica takes over the unfinished
 * tasks it owned itself (same instance id) and, periodically, any whose owner stopped heart-beating
 * for longer than {@code owner-lease}. Each becomes {@code failed} with {@code outcome: failure} and
 * {@code error: interrupted…}, its open nodes are closed, and leftover remote wrappers of SSH, script
 * and workflow runs are killed over SSH where the node is reachable.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final TaskStore store;
    private final TaskEvents events;
    private final TaskEngine engine;
    private final InstanceId instance;
    private final AutomationConfig config;
    private final RemoteCleanup cleanup;
    private final Notifier notifier;

    public Reconciler(
            TaskStore store,
            TaskEvents events,
            Notifier notifier,
            TaskEngine engine,
            InstanceId instance,
            AutomationConfig config,
            RemoteCleanup cleanup) {
        this.store = store;
        this.events = events;
        this.engine = engine;
        this.instance = instance;
        this.config = config;
        this.cleanup = cleanup;
        this.notifier = notifier;
    }

    void onStart(@Observes StartupEvent event) {
        Thread.ofVirtual().name("reconcile-at-start").start(() -> {
            try {
                reconcile(instance.get());
            } catch (RuntimeException e) {
                LOG.warnf("start-up reconciliation failed: %s", e.getMessage());
            }
        });
    }

    @Scheduled(
            every = "${opsuite.automation.reconcile-every:30s}",
            delayed = "${opsuite.automation.reconcile-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        reconcile(null);
    }

    /**
     * @param ownTasks this replica's id at start-up (its own unfinished tasks are orphans then), or null
     * @return the tasks marked interrupted
     */
    public List<Task> reconcile(String ownTasks) {
        OffsetDateTime cutoff = OffsetDateTime.now().minus(config.ownerLease());
        String owner = ownTasks == null ? "\u0001none" : ownTasks;
        List<Task> interrupted = new ArrayList<>();
        for (Task t : store.orphans(cutoff, owner).await().atMost(Duration.ofSeconds(30))) {
            if (engine.isRunningHere(t.taskId())) {
                continue;
            }
            String error = "interrupted: the replica " + t.ownerInstance() + " running it stopped";
            store.inTransaction(tx -> store.closeOpenNodes(tx, t.taskId(), "failed", "interrupted")
                            .chain(() -> store.interrupt(tx, t.taskId(), cutoff, owner, error))
                            .call(after -> after.map(
                                            done -> events.finished(tx, done).chain(() -> notifier.finished(tx, done)))
                                    .orElse(Uni.createFrom().voidItem()))
                            .invoke(after -> after.ifPresent(interrupted::add)))
                    .await()
                    .atMost(Duration.ofSeconds(30));
        }
        for (Task t : interrupted) {
            LOG.warnf(
                    "task %s (%s) was interrupted: its owner %s is gone",
                    t.taskId(), t.kind().wire(), t.ownerInstance());
            if (t.kind() != TaskKind.ANSIBLE) {
                cleanup.killLeftovers(t);
            }
        }
        return interrupted;
    }
}
