package dev.opsuite.automation.task;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.audit.RunAudit;
import dev.opsuite.automation.domain.NewTask;
import dev.opsuite.automation.domain.NodeResult;
import dev.opsuite.automation.domain.Outcome;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.domain.TaskStatus;
import dev.opsuite.automation.domain.TaskStore;
import dev.opsuite.automation.events.TaskEvents;
import dev.opsuite.automation.notify.Notifier;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Runs tasks on virtual threads: at most {@code max-running-tasks} at once on this replica, the rest
 * {@code pending} in arrival order. Every state change is one transaction with its event. Cancel works
 * for pending and running tasks, here or (through the database flag) on another replica.
 */
@ApplicationScoped
public class TaskEngine {
    private static final Logger LOG = Logger.getLogger(TaskEngine.class);
    static final Duration DB = Duration.ofSeconds(30);

    private final TaskStore store;
    private final TaskEvents events;
    private final InstanceId instance;
    private final Limiter slots;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Instance<TaskMetrics> metrics;
    private final RunAudit audit;
    private final Notifier notifier;

    public TaskEngine(
            TaskStore store,
            TaskEvents events,
            InstanceId instance,
            AutomationConfig config,
            Instance<TaskMetrics> metrics,
            RunAudit audit,
            Notifier notifier) {
        this.notifier = notifier;
        this.metrics = metrics;
        this.audit = audit;
        this.store = store;
        this.events = events;
        this.instance = instance;
        this.slots = new Limiter(config.maxRunningTasks());
    }

    /** Extra rows written with the task in its first transaction (e.g. workflow steps). */
    public interface WithTask {
        Uni<Void> write(SqlClient tx, Task task);
    }

    public Uni<Task> launch(NewTask spec, Job job) {
        return launch(spec, job, (tx, task) -> Uni.createFrom().voidItem());
    }

    /** Records the task (running when a slot is free now, else pending) and starts its job. */
    public Uni<Task> launch(NewTask spec, Job job, WithTask extra) {
        boolean admitted = !exclusive(spec) && tryAdmit(job);
        NewTask withStatus = new NewTask(
                spec.taskId(),
                spec.kind(),
                admitted ? TaskStatus.RUNNING : TaskStatus.PENDING,
                spec.clusterName(),
                spec.targetNodes(),
                spec.targetHosts(),
                spec.command(),
                spec.refId(),
                spec.refName(),
                spec.credentialId(),
                spec.request(),
                spec.totalSteps(),
                spec.currentStep(),
                spec.userId(),
                spec.username(),
                instance.get());
        return store.inTransaction(tx -> store.insert(tx, withStatus)
                        .call(task -> extra.write(tx, task))
                        .call(task ->
                                admitted ? started(tx, task) : Uni.createFrom().voidItem()))
                .call(audit::ran)
                .invoke(task -> start(task, job, admitted, exclusive(spec)))
                .onFailure()
                .invoke(e -> {
                    if (admitted) {
                        release(job);
                    }
                });
    }

    /** A global slot and the job's own feature limit, both or neither. */
    private static boolean exclusive(NewTask spec) {
        return spec.request() != null && Boolean.TRUE.equals(spec.request().get("exclusive"));
    }

    private boolean tryAdmit(Job job) {
        if (!slots.tryAcquire()) {
            return false;
        }
        if (job.admission() != null && !job.admission().tryAcquire()) {
            slots.release();
            return false;
        }
        return true;
    }

    private boolean admit(Job job, BooleanSupplier cancelled) {
        if (!slots.acquire(cancelled)) {
            return false;
        }
        if (job.admission() != null && !job.admission().acquire(cancelled)) {
            slots.release();
            return false;
        }
        return true;
    }

    private void release(Job job) {
        if (job.admission() != null) {
            job.admission().release();
        }
        slots.release();
    }

    /** The task's started event and webhook notification, in the transaction that makes it running. */
    private Uni<Void> started(SqlClient tx, Task task) {
        return events.started(tx, task).chain(() -> notifier.started(tx, task));
    }

    /** Requests cancel; true when the task was pending or running. */
    public Uni<Boolean> cancel(String taskId) {
        return store.requestCancel(taskId).invoke(requested -> {
            Running r = running.get(taskId);
            if (r != null) {
                r.cancel();
            }
        });
    }

    public boolean isRunningHere(String taskId) {
        return running.containsKey(taskId);
    }

    public int runningCount() {
        return running.size();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pickUpRemoteCancels() {
        if (running.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.cancelRequested(instance.get())
                .invoke(ids -> ids.forEach(id -> {
                    Running r = running.get(id);
                    if (r != null && !r.cancelled.get()) {
                        r.cancel();
                    }
                }))
                .replaceWithVoid();
    }

    @Scheduled(
            every = "${opsuite.automation.heartbeat-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> heartbeat() {
        return running.isEmpty() ? Uni.createFrom().voidItem() : store.heartbeat(instance.get());
    }

    private void start(Task task, Job job, boolean haveSlot, boolean exclusive) {
        Running r = new Running(task, job, exclusive);
        running.put(task.taskId(), r);
        Thread.ofVirtual().name("task-" + task.taskId()).start(() -> r.run(haveSlot));
    }

    final class Running implements TaskContext {
        final Task task;
        final Job job;
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicInteger done = new AtomicInteger();

        final boolean exclusive;

        Running(Task task, Job job, boolean exclusive) {
            this.task = task;
            this.job = job;
            this.exclusive = exclusive;
        }

        /** Waits (pending, waiting_for set) until every target node is this task's; false when cancelled meanwhile. */
        private boolean lockNodes() {
            while (!cancelled.get()) {
                List<String> holders = await(store.tryLock(task.taskId(), task.clusterName(), task.targetNodes()));
                if (holders.isEmpty()) {
                    return true;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    // cancel() interrupts nothing here; the flag is checked above
                }
            }
            return false;
        }

        void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                try {
                    job.cancel();
                } catch (RuntimeException e) {
                    LOG.warnf("cancelling %s: %s", task.taskId(), e.getMessage());
                }
            }
        }

        void run(boolean admitted) {
            boolean holding = admitted;
            try {
                if (exclusive && !lockNodes()) {
                    finish(new JobResult(Outcome.CANCELLED, null));
                    return;
                }
                if (!holding) {
                    holding = admit(job, cancelled::get);
                    if (!holding) {
                        finish(new JobResult(Outcome.CANCELLED, null));
                        return;
                    }
                    boolean started = await(store.inTransaction(tx -> store.markRunning(tx, task.taskId())
                            .call(ok ->
                                    ok ? started(tx, task) : Uni.createFrom().voidItem())));
                    if (!started) {
                        return;
                    }
                    metrics.get().queued(task, OffsetDateTime.now());
                }
                JobResult result;
                try {
                    result = job.run(this);
                } catch (Exception | Error e) {
                    LOG.errorf(e, "task %s failed", task.taskId());
                    result = new JobResult(Outcome.FAILURE, "task failed: " + e.getMessage());
                }
                if (cancelled.get()) {
                    result = new JobResult(Outcome.CANCELLED, null);
                }
                finish(result);
            } catch (RuntimeException e) {
                LOG.errorf(e, "task %s could not be recorded", task.taskId());
            } finally {
                if (holding) {
                    release(job);
                }
                running.remove(task.taskId());
            }
        }

        private void finish(JobResult result) {
            Outcome outcome = result.outcome();
            String nodeStatus = outcome == Outcome.CANCELLED ? "cancelled" : "skipped";
            String why = outcome == Outcome.CANCELLED ? "cancelled before it ran" : "not run";
            Optional<Task> after =
                    await(store.inTransaction(tx -> store.closeOpenNodes(tx, task.taskId(), nodeStatus, why)
                            .chain(() -> store.finish(tx, task.taskId(), outcome.status(), outcome, result.error()))
                            .call(t -> t.map(done -> events.finished(tx, done).chain(() -> notifier.finished(tx, done)))
                                    .orElse(Uni.createFrom().voidItem()))));
            after.ifPresent(t -> metrics.get().finished(t));
        }

        @Override
        public Task task() {
            return task;
        }

        @Override
        public boolean cancelled() {
            return cancelled.get();
        }

        @Override
        public void nodeStarted(String node) {
            await(store.inTransaction(tx -> store.nodeStarted(tx, task.taskId(), node)));
        }

        @Override
        public void nodeFinished(NodeResult result) {
            int finished = done.incrementAndGet();
            int total = Math.max(1, task.targetNodes().size());
            int percent = TaskEvents.percent(finished, total);
            String message = finished + "/" + total + " nodes done";
            metrics.get().node(task, result);
            await(store.inTransaction(tx -> store.nodeFinished(tx, task.taskId(), result)
                    .chain(() -> events.nodeResult(tx, task, result, finished, total))
                    .chain(() -> store.progress(tx, task.taskId(), percent, message, null))
                    .chain(() -> events.progress(tx, task, percent, message))));
        }

        @Override
        public void nodesFinished(List<NodeResult> results) {
            if (results.isEmpty()) {
                return;
            }
            int total = Math.max(1, task.targetNodes().size());
            results.forEach(r -> metrics.get().node(task, r));
            await(store.inTransaction(tx -> {
                Uni<Void> writes = Uni.createFrom().voidItem();
                int finished = 0;
                for (NodeResult r : results) {
                    int count = done.incrementAndGet();
                    finished = count;
                    writes = writes.chain(() -> store.nodeFinished(tx, task.taskId(), r))
                            .chain(() -> events.nodeResult(tx, task, r, count, total));
                }
                int percent = TaskEvents.percent(finished, total);
                String message = finished + "/" + total + " nodes done";
                return writes.chain(() -> store.progress(tx, task.taskId(), percent, message, null))
                        .chain(() -> events.progress(tx, task, percent, message));
            }));
        }

        @Override
        public void progress(int percent, String message, String currentStep) {
            await(store.inTransaction(tx -> store.progress(tx, task.taskId(), percent, message, currentStep)
                    .chain(() -> events.progress(tx, task, percent, message))));
        }

        @Override
        public void appendOutput(String chunk) {
            await(store.appendOutput(task.taskId(), chunk, Integer.MAX_VALUE));
        }
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(DB);
    }

    public Optional<TaskContext> context(String taskId) {
        return Optional.ofNullable(running.get(taskId));
    }
}
