package dev.opsuite.gateway.progress;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.opsuite.common.inbox.PoisonMessageException;
import dev.opsuite.events.v1.AutomationEvent;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentStatus;
import dev.opsuite.events.v1.PveEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** Turns the suite's protobuf events into WebSocket messages; a payload that does not parse is poison. */
final class ProgressEvents {

    private ProgressEvents() {}

    static ProgressMessage fromDeployment(byte[] payload) {
        DeploymentEvent e;
        try {
            e = DeploymentEvent.parseFrom(payload);
        } catch (InvalidProtocolBufferException ex) {
            throw new PoisonMessageException("not a DeploymentEvent: " + ex.getMessage());
        }
        if (e.getDeploymentId().isEmpty()) {
            throw new PoisonMessageException("DeploymentEvent without deployment_id");
        }
        String type = "progress";
        String message = e.getMessage();
        JsonObject data = new JsonObject()
                .put("status", status(e.getStatus()))
                .put("app", e.getApp())
                .put("environment", e.getEnvironment())
                .put("mode", e.getMode())
                .put("step", e.getStep());
        switch (e.getKindCase()) {
            case LOG_LINE -> {
                type = "log";
                message = e.getLogLine().getLine();
                data.put("stream", e.getLogLine().getStream())
                        .put("offset", e.getLogLine().getOffset());
            }
            case FINISHED -> {
                boolean ok = e.getFinished().getFinalStatus() == DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED;
                type = ok ? "complete" : "error";
                if (!ok && !e.getFinished().getError().isEmpty()) {
                    message = e.getFinished().getError();
                }
                data.put("duration_seconds", e.getFinished().getDurationSeconds());
                if (e.getFinished().hasExitCode()) {
                    data.put("exit_code", e.getFinished().getExitCode());
                }
            }
            case STEP_STARTED, STEP_FINISHED, PROGRESSED, ACCEPTED, KIND_NOT_SET -> {
                // progress
            }
        }
        return new ProgressMessage(
                "deployments",
                e.getDeploymentId(),
                type,
                clamp(e.getProgress()),
                message,
                data,
                time(e.getOccurredAt()));
    }

    static ProgressMessage fromAutomation(byte[] payload) {
        AutomationEvent e;
        try {
            e = AutomationEvent.parseFrom(payload);
        } catch (InvalidProtocolBufferException ex) {
            throw new PoisonMessageException("not an AutomationEvent: " + ex.getMessage());
        }
        if (e.getTaskId().isEmpty()) {
            throw new PoisonMessageException("AutomationEvent without task_id");
        }
        String type = switch (e.getKind()) {
            case AUTOMATION_EVENT_KIND_LOG -> "log";
            case AUTOMATION_EVENT_KIND_COMPLETE -> "complete";
            case AUTOMATION_EVENT_KIND_ERROR -> "error";
            default -> "progress";
        };
        JsonObject data = new JsonObject()
                .put("status", e.getStatus())
                .put("task_type", e.getTaskType())
                .put("cluster", e.getClusterName())
                .put("node", e.getNode());
        if (!e.getDataJson().isEmpty()) {
            data.put("detail", parseOrText(e.getDataJson()));
        }
        return new ProgressMessage(
                "automation",
                e.getTaskId(),
                type,
                clamp(e.getProgress()),
                e.getMessage(),
                data,
                time(e.getOccurredAt()));
    }

    /** PVE task events become task messages (task id = UPID); node events are topic-only messages. */
    static Optional<ProgressMessage> fromPve(byte[] payload) {
        PveEvent e;
        try {
            e = PveEvent.parseFrom(payload);
        } catch (InvalidProtocolBufferException ex) {
            throw new PoisonMessageException("not a PveEvent: " + ex.getMessage());
        }
        Instant at = time(e.getOccurredAt());
        JsonObject data = new JsonObject().put("cluster", e.getCluster());
        return switch (e.getKindCase()) {
            case TASK_STARTED ->
                Optional.of(new ProgressMessage(
                        "pve",
                        e.getTaskStarted().getUpid(),
                        "progress",
                        0,
                        e.getTaskStarted().getTaskType() + " started on "
                                + e.getTaskStarted().getNode(),
                        data.put("node", e.getTaskStarted().getNode())
                                .put("task_type", e.getTaskStarted().getTaskType())
                                .put("user", e.getTaskStarted().getUser()),
                        at));
            case TASK_FINISHED -> {
                boolean ok = "OK".equals(e.getTaskFinished().getExitStatus());
                yield Optional.of(new ProgressMessage(
                        "pve",
                        e.getTaskFinished().getUpid(),
                        ok ? "complete" : "error",
                        100,
                        e.getTaskFinished().getExitStatus(),
                        data.put("node", e.getTaskFinished().getNode())
                                .put("task_type", e.getTaskFinished().getTaskType())
                                .put("status", e.getTaskFinished().getStatus()),
                        at));
            }
            case NODE_STATUS_CHANGED ->
                Optional.of(new ProgressMessage(
                        "pve",
                        e.getCluster() + "/" + e.getNodeStatusChanged().getNode(),
                        "progress",
                        0,
                        "node " + e.getNodeStatusChanged().getNode()
                                + (e.getNodeStatusChanged().getOnline() ? " online" : " offline"),
                        data.put("node", e.getNodeStatusChanged().getNode())
                                .put("online", e.getNodeStatusChanged().getOnline()),
                        at));
            case NODE_INVENTORY, KIND_NOT_SET -> Optional.empty();
        };
    }

    private static Object parseOrText(String json) {
        try {
            return new JsonObject(json);
        } catch (DecodeException | ClassCastException e) {
            return json;
        }
    }

    private static String status(DeploymentStatus s) {
        String name = s.name();
        return name.startsWith("DEPLOYMENT_STATUS_")
                ? name.substring("DEPLOYMENT_STATUS_".length()).toLowerCase()
                : name;
    }

    private static int clamp(int progress) {
        return Math.max(0, Math.min(100, progress));
    }

    private static Instant time(Timestamp t) {
        if (t == null || (t.getSeconds() == 0 && t.getNanos() == 0)) {
            return Instant.now();
        }
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
