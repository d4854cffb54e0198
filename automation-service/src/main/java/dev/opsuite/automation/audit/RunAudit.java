package dev.opsuite.automation.audit;

import dev.opsuite.automation.domain.Task;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Audit records of runs and cancels. Tasks are written by the reactive PG client (the engines' stack),
 * so these records follow in their own Hibernate Reactive transaction right after the task committed.
 */
@ApplicationScoped
public class RunAudit {
    private final AuditLog audit;

    public RunAudit(AuditLog audit) {
        this.audit = audit;
    }

    public Uni<Task> ran(Task t) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", t.kind().wire());
        after.put("cluster_name", t.clusterName());
        after.put("target_nodes", t.targetNodes());
        after.put("command", t.command());
        after.put("ref_id", t.refId());
        after.put("ref_name", t.refName());
        after.put("credential_id", t.credentialId());
        after.put("request", t.request());
        return Panache.withTransaction(() -> audit.record(
                        "run",
                        t.kind().wire(),
                        t.taskId(),
                        null,
                        after,
                        t.refName() == null ? t.command() : t.refName()))
                .replaceWith(t);
    }

    public Uni<Task> cancelled(Task t) {
        return Panache.withTransaction(() -> audit.record("cancel", t.kind().wire(), t.taskId(), null, null, null))
                .replaceWith(t);
    }
}
