package dev.opsuite.automation.events;

import com.google.protobuf.Timestamp;
import dev.opsuite.automation.domain.NodeResult;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.outbox.Outbox;
import dev.opsuite.common.outbox.OutboxMessage;
import dev.opsuite.events.v1.AutomationEvent;
import dev.opsuite.events.v1.AutomationEventKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task events on {@code automation.events.v1} (key = task id), written to the outbox in the caller's
 * transaction: started (progress 0), per-node result (log), progress, finished (complete, or error when
 * the task failed). ce_type {@code dev.opsuite.automation.<progress|log|complete|error>.v1}, matching the
 * progress WebSocket's message types.
 */
@ApplicationScoped
public class TaskEvents {
    public static final String TOPIC = "automation.events.v1";

    private final CloudEvents cloudEvents;
    private final Outbox outbox;

    public TaskEvents(CloudEvents cloudEvents, Outbox outbox) {
        this.cloudEvents = cloudEvents;
        this.outbox = outbox;
    }

    public Uni<Void> started(SqlClient tx, Task t) {
        return emit(
                tx,
                base(t, AutomationEventKind.AUTOMATION_EVENT_KIND_PROGRESS, "started")
                        .setProgress(0)
                        .setStatus("running")
                        .setMessage("started on " + t.targetNodes().size() + " node(s)"));
    }

    public Uni<Void> nodeResult(SqlClient tx, Task t, NodeResult r, int done, int total) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node", r.node());
        data.put("status", r.status());
        data.put("exit_code", r.exitCode());
        data.put("message", r.message());
        return emit(
                tx,
                base(t, AutomationEventKind.AUTOMATION_EVENT_KIND_LOG, "node_result")
                        .setNode(r.node())
                        .setStatus("running")
                        .setProgress(percent(done, total))
                        .setMessage(r.node() + ": " + r.status()
                                + (r.exitCode() == null ? "" : " (exit " + r.exitCode() + ")"))
                        .setDataJson(Task.json(data)));
    }

    public Uni<Void> progress(SqlClient tx, Task t, int progress, String message) {
        return emit(
                tx,
                base(t, AutomationEventKind.AUTOMATION_EVENT_KIND_PROGRESS, "progress")
                        .setStatus("running")
                        .setProgress(progress)
                        .setMessage(message == null ? "" : message));
    }

    public Uni<Void> finished(SqlClient tx, Task t) {
        boolean failed = !"completed".equals(t.status().wire())
                && !"cancelled".equals(t.status().wire());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("success_count", t.successCount());
        data.put("failed_count", t.failedCount());
        data.put("outcome", t.outcome());
        data.put("duration", t.durationSeconds());
        AutomationEvent.Builder b = base(
                        t,
                        failed
                                ? AutomationEventKind.AUTOMATION_EVENT_KIND_ERROR
                                : AutomationEventKind.AUTOMATION_EVENT_KIND_COMPLETE,
                        "finished")
                .setStatus(t.status().wire())
                .setProgress(t.status().wire().equals("completed") ? 100 : t.progress())
                .setOutcome(t.outcome() == null ? "" : t.outcome())
                .setError(t.error() == null ? "" : t.error())
                .setMessage(t.status().wire() + (t.outcome() == null ? "" : " (" + t.outcome() + ")"))
                .setDataJson(Task.json(data));
        return emit(tx, b);
    }

    private AutomationEvent.Builder base(Task t, AutomationEventKind kind, String phase) {
        Instant now = Instant.now();
        return AutomationEvent.newBuilder()
                .setTaskId(t.taskId())
                .setTaskType(t.kind().wire())
                .setKind(kind)
                .setPhase(phase)
                .setClusterName(t.clusterName())
                .setOccurredAt(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
    }

    private Uni<Void> emit(SqlClient tx, AutomationEvent.Builder b) {
        String type = switch (b.getKind()) {
            case AUTOMATION_EVENT_KIND_LOG -> "log";
            case AUTOMATION_EVENT_KIND_COMPLETE -> "complete";
            case AUTOMATION_EVENT_KIND_ERROR -> "error";
            default -> "progress";
        };
        return outbox.enqueue(tx, OutboxMessage.of(TOPIC, cloudEvents.create(type, b.getTaskId()), b.build()));
    }

    public static int percent(int done, int total) {
        return total == 0 ? 100 : (int) Math.round(100.0 * done / total);
    }
}
