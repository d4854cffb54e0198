package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.automation.domain.Notification;
import dev.opsuite.automation.notify.NotificationService;
import dev.opsuite.automation.notify.NotificationService.NotificationSpec;
import dev.opsuite.automation.notify.WebhookDelivery;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;

/** Outbound webhook subscriptions (admins: they hold signing secrets and point at URLs). */
@Path("/api/v1/automation/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class NotificationResource {
    public record NotificationRequest(
            String name,
            String url,
            List<String> events,
            String kind,
            @JsonProperty("ref_id") Long refId,
            @JsonProperty("schedule_id") Long scheduleId,
            Boolean enabled) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NotificationView(
            long id,
            String name,
            String url,
            List<String> events,
            String kind,
            @JsonProperty("ref_id") Long refId,
            @JsonProperty("schedule_id") Long scheduleId,
            boolean enabled,
            String secret) {
        static NotificationView of(Notification n, String secret) {
            return new NotificationView(
                    n.id,
                    n.name,
                    n.url,
                    List.of(n.events.split(",")),
                    n.kind,
                    n.refId,
                    n.scheduleId,
                    n.enabled,
                    secret);
        }
    }

    /** One delivery of one notification to this subscription; {@code webhook_id} is stable across retries. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(
            long id,
            @JsonProperty("webhook_id") String webhookId,
            String event,
            @JsonProperty("task_id") String taskId,
            String status,
            int attempts,
            @JsonProperty("next_attempt_at") OffsetDateTime nextAttemptAt,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            @JsonProperty("finished_at") OffsetDateTime finishedAt) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(
                    d.id(),
                    d.messageId(),
                    d.event(),
                    d.taskId(),
                    d.status(),
                    d.attempts(),
                    "pending".equals(d.status()) ? d.nextAttemptAt() : null,
                    d.lastError(),
                    d.createdAt(),
                    d.finishedAt());
        }
    }

    private final NotificationService notifications;

    public NotificationResource(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GET
    public Uni<Envelope<List<NotificationView>>> list() {
        return notifications
                .list()
                .map(l -> Envelope.ok(
                        l.stream().map(n -> NotificationView.of(n, null)).toList()));
    }

    /**
     * The subscription's webhook deliveries, newest first (at most {@code limit}, default 50): pending
     * ones with their attempts so far and next attempt, delivered and failed ones with their last error.
     */
    @GET
    @Path("{id}/deliveries")
    public Uni<Envelope<List<DeliveryView>>> deliveries(
            @PathParam("id") String id, @QueryParam("status") String status, @QueryParam("limit") String limit) {
        Integer max = Params.optionalInt("limit", limit);
        return notifications
                .deliveries(Params.id("id", id), Params.optionalText("status", status), max == null ? 50 : max)
                .map(l -> Envelope.ok(l.stream().map(DeliveryView::of).toList()));
    }

    /** The answer carries the signing secret ({@code whsec_…}) this once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(NotificationRequest body) {
        return notifications
                .create(spec(body))
                .map(c -> Envelope.created(NotificationView.of(c.notification(), c.secret())));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Envelope<NotificationView>> update(@PathParam("id") String id, NotificationRequest body) {
        return notifications
                .update(Params.id("id", id), spec(body))
                .map(n -> Envelope.ok("更新成功", NotificationView.of(n, null)));
    }

    @DELETE
    @Path("{id}")
    public Uni<Envelope<Void>> delete(@PathParam("id") String id) {
        return notifications.delete(Params.id("id", id)).replaceWith(Envelope.done("删除成功"));
    }

    private static NotificationSpec spec(NotificationRequest b) {
        if (b == null) {
            throw ApiException.badRequest("request body is required");
        }
        return new NotificationSpec(b.name(), b.url(), b.events(), b.kind(), b.refId(), b.scheduleId(), b.enabled());
    }
}
