package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.automation.api.TaskViews.History;
import dev.opsuite.automation.api.TaskViews.TaskView;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.domain.Workflow;
import dev.opsuite.automation.domain.WorkflowDefinition;
import dev.opsuite.automation.task.TaskQueries;
import dev.opsuite.automation.workflow.WorkflowService;
import dev.opsuite.automation.workflow.WorkflowSpec;
import dev.opsuite.automation.workflow.WorkflowTaskService;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.paging.PageRequest;
import dev.opsuite.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.util.Map;

/** Workflows: catalogue (read by viewers, written by operators) and DAG runs. */
@Path("/api/v1/automation/workflows")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowResource {
    public record WorkflowRequest(
            String name,
            String description,
            String category,
            WorkflowDefinition definition,
            @JsonProperty("is_active") Boolean isActive,
            @JsonProperty("allow_suspicious") Boolean allowSuspicious) {}

    public record ExecuteRequest(
            @JsonProperty("workflow_id") Long workflowId,
            @JsonProperty("cluster_name") String clusterName,
            @JsonProperty("target_nodes") List<String> targetNodes,
            @JsonProperty("credential_id") Long credentialId,
            Map<String, Object> parameters,
            @JsonProperty("allow_suspicious") Boolean allowSuspicious,
            Boolean exclusive) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkflowView(
            long id,
            String name,
            String description,
            String category,
            @JsonProperty("is_builtin") boolean isBuiltin,
            @JsonProperty("is_active") boolean isActive,
            int version,
            @JsonProperty("step_count") int stepCount,
            WorkflowDefinition definition,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            @JsonProperty("updated_at") OffsetDateTime updatedAt) {
        static WorkflowView of(Workflow w, boolean withDefinition) {
            int steps = w.definition == null || w.definition.steps() == null
                    ? 0
                    : w.definition.steps().size();
            return new WorkflowView(
                    w.id,
                    w.name,
                    w.description,
                    w.category,
                    w.isBuiltin,
                    w.isActive,
                    w.version,
                    steps,
                    withDefinition ? w.definition : null,
                    w.createdAt,
                    w.updatedAt);
        }
    }

    public record WorkflowList(long total, List<WorkflowView> workflows) {}

    private final WorkflowService workflows;
    private final WorkflowTaskService runs;
    private final TaskQueries tasks;
    private final SecurityIdentity identity;

    public WorkflowResource(
            WorkflowService workflows, WorkflowTaskService runs, TaskQueries tasks, SecurityIdentity identity) {
        this.workflows = workflows;
        this.runs = runs;
        this.tasks = tasks;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<WorkflowList>> list(
            @QueryParam("category") String category,
            @QueryParam("is_builtin") String builtin,
            @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize) {
        PageRequest p = Params.page(page, pageSize);
        return workflows
                .list(
                        Params.optionalText("category", category),
                        Params.optionalBool("is_builtin", builtin),
                        p.offset(),
                        p.limit())
                .map(r -> Envelope.ok(new WorkflowList(
                        r.total(),
                        r.workflows().stream()
                                .map(w -> WorkflowView.of(w, false))
                                .toList())));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<WorkflowView>> get(@PathParam("id") String id) {
        return workflows.get(Params.id("id", id)).map(w -> Envelope.ok(WorkflowView.of(w, true)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> create(WorkflowRequest body) {
        return workflows.create(spec(body)).map(w -> Envelope.created(WorkflowView.of(w, true)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<WorkflowView>> update(@PathParam("id") String id, WorkflowRequest body) {
        return workflows
                .update(Params.id("id", id), spec(body))
                .map(w -> Envelope.ok("更新成功", WorkflowView.of(w, true)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<Void>> delete(@PathParam("id") String id) {
        return workflows.delete(Params.id("id", id)).replaceWith(Envelope.done("删除成功"));
    }

    @POST
    @Path("execute")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<TaskView>> execute(ExecuteRequest body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        return runs.execute(
                        new WorkflowTaskService.ExecuteSpec(
                                body.workflowId(),
                                body.clusterName(),
                                body.targetNodes(),
                                body.credentialId(),
                                body.parameters(),
                                Boolean.TRUE.equals(body.allowSuspicious()),
                                Boolean.TRUE.equals(body.exclusive())),
                        Callers.of(identity))
                .map(t -> Envelope.ok("执行已启动", TaskViews.started(t)));
    }

    @GET
    @Path("status/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<TaskView>> status(@PathParam("task_id") String taskId) {
        return tasks.detail(TaskKind.WORKFLOW, taskId).map(d -> Envelope.ok(TaskViews.detail(d)));
    }

    @POST
    @Path("cancel/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<Void>> cancel(@PathParam("task_id") String taskId) {
        return tasks.cancel(TaskKind.WORKFLOW, taskId).replaceWith(Envelope.done("取消成功"));
    }

    @GET
    @Path("history")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<History>> history(
            @QueryParam("cluster_name") String cluster,
            @QueryParam("status") String status,
            @QueryParam("start_date") String startDate,
            @QueryParam("end_date") String endDate,
            @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize) {
        return TaskHistoryQuery.page(tasks, TaskKind.WORKFLOW, cluster, status, startDate, endDate, page, pageSize);
    }

    private WorkflowSpec spec(WorkflowRequest b) {
        if (b == null) {
            throw ApiException.badRequest("request body is required");
        }
        return new WorkflowSpec(
                b.name(),
                b.description(),
                b.category(),
                b.definition(),
                b.isActive(),
                Boolean.TRUE.equals(b.allowSuspicious()) && Callers.of(identity).admin());
    }

    @POST
    @Path("resume/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<TaskView>> resume(@PathParam("task_id") String taskId) {
        return runs.resume(taskId, Callers.of(identity)).map(t -> Envelope.ok("执行已启动", TaskViews.started(t)));
    }
}
