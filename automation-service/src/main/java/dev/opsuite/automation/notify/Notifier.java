package dev.opsuite.automation.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.automation.domain.Notification;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.common.crypto.SecretBox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Posts task events to the matching webhook subscriptions: {@code started}, {@code succeeded} (status
 * completed) and {@code failed} (failed or cancelled; the body carries the status and outcome).
 * Deliveries run on their own virtual threads and never slow the task down. They are best effort: a
 * restart loses deliveries in flight (the Kafka events on automation.events.v1 are the durable record).
 */
@ApplicationScoped
public class Notifier {
    private static final Logger LOG = Logger.getLogger(Notifier.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final NotificationSender sender;
    private final SecretBox secrets;

    public Notifier(NotificationSender sender, SecretBox secrets) {
        this.sender = sender;
        this.secrets = secrets;
    }

    public void started(Task t) {
        notify(t, "started");
    }

    public void finished(Task t) {
        notify(t, "completed".equals(t.status().wire()) ? "succeeded" : "failed");
    }

    private void notify(Task t, String event) {
        List<Notification> subscriptions;
        try {
            subscriptions = VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> Notification.<Notification>list("enabled = true")));
        } catch (Throwable e) {
            LOG.warnf("cannot read webhook subscriptions: %s", e.getMessage());
            return;
        }
        for (Notification n : subscriptions) {
            if (!matches(n, t, event)) {
                continue;
            }
            String secret = new String(secrets.decrypt(n.secretEnc, "notification:" + n.id), StandardCharsets.UTF_8);
            String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
            String body = body(t, event);
            Thread.ofVirtual().name("webhook-" + n.id).start(() -> sender.send(n.url, secret, id, body));
        }
    }

    static boolean matches(Notification n, Task t, String event) {
        if (!List.of(n.events.split(",")).contains(event)) {
            return false;
        }
        if (n.kind != null && !n.kind.equals(t.kind().wire())) {
            return false;
        }
        if (n.refId != null && !n.refId.equals(t.refId())) {
            return false;
        }
        return n.scheduleId == null || ("schedule:" + n.scheduleId).equals(t.userId());
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
