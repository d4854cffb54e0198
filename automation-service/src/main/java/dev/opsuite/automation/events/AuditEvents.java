package dev.opsuite.automation.events;

import com.google.protobuf.Timestamp;
import dev.opsuite.automation.domain.AuditEntry;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.outbox.Outbox;
import dev.opsuite.common.outbox.OutboxMessage;
import dev.opsuite.events.v1.AutomationEvent;
import dev.opsuite.events.v1.AutomationEventKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Audit records on {@code automation.events.v1}, written to the outbox in the Hibernate Reactive
 * transaction that records them, so an event exists exactly when the change committed. ce_type
 * {@code dev.opsuite.automation.audit.v1}; the payload is an {@link AutomationEvent} with phase
 * {@code audit}, kind log, {@code audit:<target_type>:<target_id>} as key and task_id (its own key, so
 * that a task's progress stream stays the task's), and the whole record (snapshots without secrets) as
 * {@code data_json}.
 */
@ApplicationScoped
public class AuditEvents {
    private final CloudEvents cloudEvents;
    private final Outbox outbox;

    public AuditEvents(CloudEvents cloudEvents, Outbox outbox) {
        this.cloudEvents = cloudEvents;
        this.outbox = outbox;
    }

    public Uni<Void> recorded(Mutiny.Session session, AuditEntry e) {
        String key = "audit:" + e.targetType + ":" + e.targetId;
        Instant at = e.at.toInstant();
        AutomationEvent event = AutomationEvent.newBuilder()
                .setTaskId(key)
                .setTaskType(e.targetType)
                .setKind(AutomationEventKind.AUTOMATION_EVENT_KIND_LOG)
                .setPhase("audit")
                .setStatus(e.action)
                .setMessage(e.actor + " " + e.action + " " + e.targetType + " " + e.targetId
                        + (e.summary == null ? "" : " (" + e.summary + ")"))
                .setDataJson(Task.json(data(e)))
                .setOccurredAt(
                        Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .build();
        return outbox.enqueue(session, OutboxMessage.of(TaskEvents.TOPIC, cloudEvents.create("audit", key), event));
    }

    static Map<String, Object> data(AuditEntry e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", e.id);
        data.put("at", e.at.toString());
        data.put("actor", e.actor);
        data.put("role", e.role);
        data.put("action", e.action);
        data.put("target_type", e.targetType);
        data.put("target_id", e.targetId);
        data.put("summary", e.summary);
        data.put("before", e.before);
        data.put("after", e.after);
        data.put("request_id", e.requestId);
        return data;
    }
}
