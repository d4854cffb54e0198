package dev.opsuite.deployment.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.idempotency.BlockingIdempotency;
import dev.opsuite.common.idempotency.Idempotency;
import dev.opsuite.common.paging.Cursor;
import dev.opsuite.common.paging.CursorPage;
import dev.opsuite.common.paging.Limits;
import dev.opsuite.common.security.Roles;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentLogs;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.domain.DeploymentStatus;
import dev.opsuite.deployment.domain.Mode;
import dev.opsuite.deployment.lifecycle.Cancellation;
import dev.opsuite.deployment.lifecycle.DeploymentRequest;
import dev.opsuite.deployment.lifecycle.DeploymentService;
import dev.opsuite.deployment.webhooks.WebhookDeliveries;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;

/**
 * Deployments: create (async, 202), status, progress, logs, cancel, history, redeploy, webhook
 * deliveries. Every method runs on a virtual thread from start to end (the database access and the
 * process work behind it block), idempotent creation included.
 */
@Path("/api/deployments")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class DeploymentResource {
    private final DeploymentService deployments;
    private final Cancellation cancellation;
    private final DeploymentRepository repo;
    private final DeploymentLogs logs;
    private final BlockingIdempotency idempotency;
    private final WebhookDeliveries deliveries;
    private final SecurityIdentity identity;
    private final LogStream logStream;

    public DeploymentResource(
            DeploymentService deployments,
            Cancellation cancellation,
            DeploymentRepository repo,
            DeploymentLogs logs,
            BlockingIdempotency idempotency,
            WebhookDeliveries deliveries,
            SecurityIdentity identity,
            LogStream logStream) {
        this.deployments = deployments;
        this.cancellation = cancellation;
        this.repo = repo;
        this.logs = logs;
        this.idempotency = idempotency;
        this.deliveries = deliveries;
        this.identity = identity;
        this.logStream = logStream;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response create(CreateDeploymentRequest request, @HeaderParam(Idempotency.KEY_HEADER) String key) {
        String user = identity.getPrincipal().getName();
        String hash = idempotency.hashOf(request == null ? "" : request);
        return idempotency.execute(
                Idempotency.scope("POST", "/api/deployments", user),
                key,
                hash,
                () -> accepted(deployments.create(toRequest(request), user)));
    }

    private static DeploymentRequest toRequest(CreateDeploymentRequest r) {
        if (r == null) {
            throw ApiException.badRequest("request body is required");
        }
        CreateDeploymentRequest.DeployConfig config = r.config();
        return new DeploymentRequest(
                r.app(),
                r.mode(),
                config == null ? null : config.environmentVariables(),
                config == null ? null : config.profile(),
                r.environment(),
                r.timeout(),
                r.forceRebuild(),
                r.skipHealthCheck(),
                r.callbackUrl(),
                r.webhookSecret(),
                r.metadata(),
                r.queue());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public CursorPage<DeploymentView> history(
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("status") String status,
            @QueryParam("mode") String mode,
            @QueryParam("app") String app,
            @QueryParam("environment") String environment) {
        int size = Limits.clamp(limit);
        if (status != null) {
            try {
                DeploymentStatus.of(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_status", "unknown status " + status);
            }
        }
        if (mode != null && Mode.parse(mode).isEmpty()) {
            throw ApiException.badRequest("invalid_mode", "unknown mode " + mode);
        }
        List<String> parts = Cursor.decode(cursor, 1);
        Long before = null;
        if (!parts.isEmpty()) {
            try {
                before = Long.parseLong(parts.get(0));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid_cursor", "cursor is malformed");
            }
        }
        List<Deployment> rows =
                repo.history(new DeploymentRepository.HistoryFilter(status, mode, app, environment), before, size);
        return CursorPage.fromLookahead(rows, size, d -> Cursor.encode(Long.toString(d.seq())))
                .map(d -> DeploymentView.of(d, true));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public DeploymentView status(@PathParam("id") String id) {
        Deployment d = deployments.get(id);
        return DeploymentView.of(d, logs.count(id) > 0);
    }

    @GET
    @Path("{id}/progress")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public ProgressView progress(@PathParam("id") String id) {
        Deployment d = deployments.get(id);
        return ProgressView.of(d, repo.steps(id));
    }

    @GET
    @Path("{id}/logs")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public LogPage logs(
            @PathParam("id") String id, @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        Deployment d = deployments.get(id);
        long from = Limits.offset(offset);
        int size = Limits.clamp(limit, 200, 1000);
        List<LogLineView> lines =
                logs.read(id, from, size).stream().map(LogLineView::of).toList();
        long total = logs.count(id);
        long next = lines.isEmpty() ? from : lines.get(lines.size() - 1).offset() + 1;
        return new LogPage(
                id,
                lines,
                from,
                next,
                total,
                next < total,
                d.status().isActive() || d.status() == DeploymentStatus.QUEUED);
    }

    /**
     * Live log over Server-Sent Events ({@code Accept: text/event-stream} or {@code ?follow=true}): every
     * stored line from {@code Last-Event-ID + 1} (or {@code offset}) on, then new lines as they arrive;
     * an {@code end} event and the end of the stream once the deployment has finished.
     */
    @GET
    @Path("{id}/logs")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public void follow(
            @PathParam("id") String id,
            @QueryParam("offset") Integer offset,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse) {
        deployments.get(id);
        long from = Limits.offset(offset);
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Long.parseLong(lastEventId.strip()) + 1;
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid_last_event_id", "Last-Event-ID must be a log offset");
            }
        }
        long start = from;
        Thread.ofVirtual().name("log-follow-" + id).start(() -> logStream.stream(id, start, sink, sse));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Response cancel(@PathParam("id") String id) {
        Deployment d = deployments.get(id);
        String user = identity.getPrincipal().getName();
        // viewers may cancel only what they started themselves
        if (!Roles.atLeast(identity, Roles.OPERATOR) && !user.equals(d.initiator())) {
            throw ApiException.forbidden("Only operators or the initiator may cancel this deployment");
        }
        Deployment after = cancellation.cancel(id);
        if (!after.status().isFinished()) {
            // owned by another replica that has not confirmed yet: it stops within seconds
            return Response.accepted(new CancelView(
                            after.id(), "cancelling", "Cancel requested; the replica running it stops it", null))
                    .build();
        }
        String message = after.status() == DeploymentStatus.CANCELLED
                ? "Deployment cancelled"
                : "Deployment ended as " + after.status().wire() + " before the cancel took effect";
        return Response.ok(new CancelView(after.id(), after.status().wire(), message, after.endTime()))
                .build();
    }

    @POST
    @Path("{id}/redeploy")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response redeploy(@PathParam("id") String id) {
        return accepted(deployments.redeploy(id, identity.getPrincipal().getName()));
    }

    @GET
    @Path("{id}/deliveries")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public List<WebhookDeliveries.Delivery> deliveries(@PathParam("id") String id) {
        deployments.get(id);
        return deliveries.of(id);
    }

    private static Response accepted(Deployment d) {
        return Response.accepted(AcceptedView.of(d))
                .type(MediaType.APPLICATION_JSON)
                .header("Location", "/api/deployments/" + d.id())
                .build();
    }
}
