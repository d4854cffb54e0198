package dev.opsuite.deployment.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentStatus;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Queues webhook messages in the transaction of the state change they report; the dispatcher sends
 * them later, so a slow receiver never holds up a deployment. The message id is the stable
 * {@code webhook-id} of every retry.
 */
@ApplicationScoped
public class WebhookOutbox {
    private final ObjectMapper mapper;
    private final WebhookDispatcher dispatcher;

    public WebhookOutbox(ObjectMapper mapper, WebhookDispatcher dispatcher) {
        this.mapper = mapper;
        this.dispatcher = dispatcher;
    }

    public void progress(SqlClient tx, Deployment d) {
        enqueue(tx, d, "deployment.progress");
    }

    public void finished(SqlClient tx, Deployment d) {
        enqueue(tx, d, "deployment." + d.status().wire());
    }

    private void enqueue(SqlClient tx, Deployment d, String type) {
        if (d.callbackUrl() == null) {
            return;
        }
        String now = DateTimeFormatter.ISO_INSTANT.format(OffsetDateTime.now(ZoneOffset.UTC));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deployment_id", d.id());
        data.put("app", d.app());
        data.put("environment", d.environment());
        data.put("mode", d.mode().wire());
        data.put("status", d.status().wire());
        data.put("current_step", d.currentStep());
        data.put("progress_percentage", d.progress());
        data.put("completed_steps", d.completedSteps());
        data.put("total_steps", d.totalSteps());
        if (d.status().isFinished()) {
            data.put("end_time", d.endTime() == null ? now : DateTimeFormatter.ISO_INSTANT.format(d.endTime()));
            data.put("duration_seconds", d.durationSeconds());
            if (d.status() != DeploymentStatus.COMPLETED && d.error() != null) {
                data.put("error", d.error());
            }
        }
        data.put("timestamp", now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", now);
        body.put("data", data);
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        BlockingSql.update(
                tx,
                "INSERT INTO webhook_messages (id, deployment_id, event_type, url, body) VALUES ($1, $2, $3, $4, $5)",
                "msg_" + UUID.randomUUID().toString().replace("-", ""),
                d.id(),
                type,
                d.callbackUrl(),
                json);
        dispatcher.pokeSoon();
    }
}
