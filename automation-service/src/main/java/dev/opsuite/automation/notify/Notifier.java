package dev.opsuite.automation.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.automation.domain.Task;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Queues a task's webhook notifications in the transaction of its state change: {@code started},
 * {@code succeeded} (status completed) and {@code failed} (failed or cancelled; the body carries the
 * status and outcome). {@link WebhookDispatcher} matches them to subscriptions and delivers them, so a
 * notification exists exactly when the state change committed and survives any replica's death.
 */
@ApplicationScoped
public class Notifier {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final WebhookStore store;

    public Notifier(WebhookStore store) {
        this.store = store;
    }

    public Uni<Void> started(SqlClient tx, Task t) {
        return queue(tx, t, "started");
    }

    public Uni<Void> finished(SqlClient tx, Task t) {
        return queue(tx, t, "completed".equals(t.status().wire()) ? "succeeded" : "failed");
    }

    private Uni<Void> queue(SqlClient tx, Task t, String event) {
        return store.enqueue(tx, event, t.taskId(), t.kind().wire(), t.refId(), t.userId(), body(t, event));
    }

    static String body(Task t, String event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task_id", t.taskId());
        data.put("kind", t.kind().wire());
        data.put("status", t.status().wire());
        data.put("outcome", t.outcome());
        data.put("error", t.error());
        data.put("cluster_name", t.clusterName());
        data.put("target_nodes", t.targetNodes());
        data.put("ref_id", t.refId());
        data.put("ref_name", t.refName());
        data.put("success_count", t.successCount());
        data.put("failed_count", t.failedCount());
        data.put("username", t.username());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "automation.task." + event);
        payload.put("timestamp", Instant.now().toString());
        payload.put("data", data);
        try {
            return JSON.writeValueAsString(payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
