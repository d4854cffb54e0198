package dev.opsuite.automation.task;

import dev.opsuite.automation.domain.NodeResult;
import dev.opsuite.automation.domain.Task;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Task metrics on {@code /q/metrics}: runs by kind and final status/outcome, run durations, time spent
 * waiting {@code pending} for a slot, node failures by kind and node status, and tasks running now.
 */
@ApplicationScoped
public class TaskMetrics {
    private final MeterRegistry registry;

    public TaskMetrics(MeterRegistry registry, TaskEngine engine) {
        this.registry = registry;
        registry.gauge("automation_tasks_running", engine, TaskEngine::runningCount);
    }

    void finished(Task t) {
        Counter.builder("automation_tasks_total")
                .description("Finished automation tasks")
                .tag("kind", t.kind().wire())
                .tag("status", t.status().wire())
                .tag("outcome", t.outcome() == null ? "none" : t.outcome())
                .register(registry)
                .increment();
        if (t.startTime() != null && t.endTime() != null) {
            Timer.builder("automation_task_duration_seconds")
                    .description("Run time of automation tasks")
                    .tag("kind", t.kind().wire())
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.between(t.startTime(), t.endTime()));
        }
    }

    void queued(Task t, OffsetDateTime started) {
        Timer.builder("automation_task_queue_wait_seconds")
                .description("Time tasks waited pending for a slot")
                .tag("kind", t.kind().wire())
                .register(registry)
                .record(
                        Duration.between(t.createdAt(), started).isNegative()
                                ? Duration.ZERO
                                : Duration.between(t.createdAt(), started));
    }

    void node(Task t, NodeResult r) {
        if (!r.success()) {
            Counter.builder("automation_node_failures_total")
                    .description("Nodes that did not succeed in a task")
                    .tag("kind", t.kind().wire())
                    .tag("status", r.status())
                    .register(registry)
                    .increment();
        }
    }
}
