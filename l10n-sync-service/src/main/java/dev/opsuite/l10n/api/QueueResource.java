package dev.opsuite.l10n.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.queue.BuiltinWorkers;
import dev.opsuite.l10n.queue.Task;
import dev.opsuite.l10n.queue.TaskQueue;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The work queue: tasks, leases, completion, status. */
@Path("/api/v6/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {
    private final TaskQueue queue;
    private final BuiltinWorkers workers;
    private final Access access;

    public QueueResource(TaskQueue queue, BuiltinWorkers workers, Access access) {
        this.queue = queue;
        this.workers = workers;
        this.access = access;
    }

    public record TaskView(
            long id,
            String type,
            JsonNode payloadJson,
            int priority,
            String dedupeKey,
            String state,
            int attempts,
            int maxAttempts,
            String leaseOwner,
            OffsetDateTime leaseExpiresAt,
            OffsetDateTime availableAt,
            JsonNode output,
            String lastError,
            OffsetDateTime createdAt,
            OffsetDateTime finishedAt,
            Long processingMs) {
        static TaskView of(Task t) {
            return new TaskView(
                    t.id(),
                    t.type(),
                    Json.tree(t.payloadJson()),
                    t.priority(),
                    t.dedupeKey(),
                    t.state(),
                    t.attempts(),
                    t.maxAttempts(),
                    t.leaseOwner(),
                    t.leaseExpiresAt(),
                    t.availableAt(),
                    Json.tree(t.outputJson()),
                    t.lastError(),
                    t.createdAt(),
                    t.finishedAt(),
                    t.processingMs());
        }
    }

    /** A lease answer: the view plus the token the owner completes with. */
    public record LeaseView(
            long id,
            String type,
            JsonNode payloadJson,
            String state,
            int attempts,
            String leaseOwner,
            OffsetDateTime leaseExpiresAt,
            String leaseToken) {}

    public record CreateTask(String type, JsonNode payloadJson, Integer priority, String dedupeKey) {}

    public record LeaseRequest(String leaseOwner, Integer leaseDurationSeconds) {}

    public record CompleteRequest(String leaseOwner, String leaseToken, String result, JsonNode output, String error) {}

    @GET
    @Path("tasks")
    @PermitAll
    @RunOnVirtualThread
    public ListPage<TaskView> list(
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"pending", "leased", "succeeded", "dead"}))
                    @QueryParam("state")
                    String state,
            @QueryParam("type") String type,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(
                            description = "the id of the last task of the previous page",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
                    @QueryParam("after")
                    String after) {
        access.read();
        String s = Params.oneOf("state", state, List.of("pending", "leased", "succeeded", "dead"));
        int l = Params.intOr("limit", limit, 1, 1000, 100);
        Long afterId = Params.optionalLong("after", after, 0);
        List<Task> rows = queue.list(s, Params.optionalText("type", type), l + 1, afterId);
        List<TaskView> views = rows.stream().limit(l).map(TaskView::of).toList();
        return new ListPage<>(
                views, null, rows.size() > l ? Long.toString(views.get(l - 1).id()) : null);
    }

    @GET
    @Path("tasks/{id}")
    @PermitAll
    @RunOnVirtualThread
    public TaskView get(
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @PathParam("id") String id) {
        access.read();
        return TaskView.of(queue.get(id(id)));
    }

    @POST
    @Path("tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public Response create(CreateTask in) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        JsonNode payload = in.payloadJson() == null ? Json.tree("{}") : in.payloadJson();
        if (!payload.isObject()) {
            throw ApiException.validation("payload_json must be a JSON object", Map.of("field", "payload_json"));
        }
        if (payload.toString().contains("\\u0000")) {
            throw Texts.invalid("payload_json", "must not contain NUL (U+0000)");
        }
        int priority = in.priority() == null ? 0 : in.priority();
        if (priority < -1000 || priority > 1000) {
            throw ApiException.validation("priority must be between -1000 and 1000", Map.of("field", "priority"));
        }
        String dedupe = Texts.clean("dedupe_key", in.dedupeKey());
        if (dedupe != null && (dedupe.isEmpty() || dedupe.length() > 200)) {
            throw Texts.invalid("dedupe_key", "must be 1-200 characters");
        }
        TaskQueue.Enqueued e = queue.enqueue(in.type(), payload.toString(), priority, dedupe);
        if (!e.created()) {
            throw ApiException.conflict("duplicate_task", "An open task with this dedupe_key exists")
                    .withDetail("task_id", e.task().id())
                    .withDetail("state", e.task().state());
        }
        workers.pokeSoon();
        return Response.status(201).entity(TaskView.of(e.task())).build();
    }

    @POST
    @Path("tasks/{id}/lease")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public LeaseView lease(
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @PathParam("id") String id,
            LeaseRequest in) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        String owner = Texts.name("lease_owner", in.leaseOwner(), 200);
        int seconds = in.leaseDurationSeconds() == null ? 300 : in.leaseDurationSeconds();
        if (seconds < 1 || seconds > 3600) {
            throw ApiException.validation(
                    "lease_duration_seconds must be between 1 and 3600",
                    Map.of("field", "lease_duration_seconds", "received", seconds));
        }
        Task t = queue.lease(id(id), owner, seconds);
        return new LeaseView(
                t.id(),
                t.type(),
                Json.tree(t.payloadJson()),
                t.state(),
                t.attempts(),
                t.leaseOwner(),
                t.leaseExpiresAt(),
                t.leaseToken());
    }

    @POST
    @Path("tasks/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public TaskView complete(
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @PathParam("id") String id,
            CompleteRequest in) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        String owner = Texts.name("lease_owner", in.leaseOwner(), 200);
        String result = Params.oneOf("result", in.result(), List.of("success", "failure"));
        if (result == null) {
            throw ApiException.validation("result must be success or failure", Map.of("field", "result"));
        }
        String output = in.output() == null ? null : in.output().toString();
        if (output != null && output.contains("\\u0000")) {
            throw Texts.invalid("output", "must not contain NUL (U+0000)");
        }
        return TaskView.of(queue.complete(
                id(id),
                owner,
                Texts.clean("lease_token", in.leaseToken()),
                result.equals("success"),
                output,
                Texts.clean("error", in.error())));
    }

    @GET
    @Path("status")
    @PermitAll
    @RunOnVirtualThread
    public TaskQueue.Status status() {
        access.read();
        return queue.status();
    }

    private static long id(String id) {
        Long v = Params.optionalLong("id", id, 1);
        if (v == null) {
            throw Params.bad("id", "must be a task id", String.valueOf(id));
        }
        return v;
    }
}
