package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.automation.api.TaskViews.History;
import dev.opsuite.automation.api.TaskViews.TaskView;
import dev.opsuite.automation.domain.Script;
import dev.opsuite.automation.domain.ScriptParameter;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.relaunch.RelaunchService;
import dev.opsuite.automation.scripts.ScriptService;
import dev.opsuite.automation.scripts.ScriptSpec;
import dev.opsuite.automation.scripts.ScriptTaskService;
import dev.opsuite.automation.task.TaskQueries;
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

/** Scripts: catalogue (read by viewers, written by operators) and runs. */
@Path("/api/v1/automation/scripts")
@Produces(MediaType.APPLICATION_JSON)
public class ScriptResource {
    public record ScriptRequest(
            String name,
            String description,
            String content,
            String language,
            String category,
            List<String> tags,
            List<ScriptParameter> parameters,
            @JsonProperty("is_active") Boolean isActive,
            @JsonProperty("allow_suspicious") Boolean allowSuspicious) {}

    public record ExecuteRequest(
            @JsonProperty("script_id") Long scriptId,
            @JsonProperty("cluster_name") String clusterName,
            @JsonProperty("target_nodes") List<String> targetNodes,
            @JsonProperty("credential_id") Long credentialId,
            Map<String, Object> parameters,
            Integer timeout,
            @JsonProperty("allow_suspicious") Boolean allowSuspicious,
            Boolean exclusive) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScriptView(
            long id,
            String name,
            String description,
            String content,
            String language,
            String category,
            @JsonProperty("is_builtin") boolean isBuiltin,
            @JsonProperty("is_active") boolean isActive,
            int version,
            List<String> tags,
            List<ScriptParameter> parameters,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            @JsonProperty("updated_at") OffsetDateTime updatedAt) {
        static ScriptView of(Script s, boolean withContent) {
            return new ScriptView(
                    s.id,
                    s.name,
                    s.description,
                    withContent ? s.content : null,
                    s.language,
                    s.category,
                    s.isBuiltin,
                    s.isActive,
                    s.version,
                    s.tags == null ? List.of() : s.tags,
                    s.parameters == null ? List.of() : s.parameters,
                    s.createdAt,
                    s.updatedAt);
        }
    }

    public record ScriptList(long total, List<ScriptView> scripts) {}

    private final ScriptService scripts;
    private final ScriptTaskService runs;
    private final TaskQueries tasks;
    private final RelaunchService relaunches;
    private final SecurityIdentity identity;

    public ScriptResource(
            ScriptService scripts,
            ScriptTaskService runs,
            TaskQueries tasks,
            SecurityIdentity identity,
            RelaunchService relaunches) {
        this.relaunches = relaunches;
        this.scripts = scripts;
        this.runs = runs;
        this.tasks = tasks;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<ScriptList>> list(
            @QueryParam("language") String language,
            @QueryParam("category") String category,
            @QueryParam("is_builtin") String builtin,
            @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize) {
        PageRequest p = Params.page(page, pageSize);
        return scripts.list(
                        Params.optionalText("language", language),
                        Params.optionalText("category", category),
                        Params.optionalBool("is_builtin", builtin),
                        p.offset(),
                        p.limit())
                .map(r -> Envelope.ok(new ScriptList(
                        r.total(),
                        r.scripts().stream().map(s -> ScriptView.of(s, false)).toList())));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<ScriptView>> get(@PathParam("id") String id) {
        return scripts.get(Params.id("id", id)).map(s -> Envelope.ok(ScriptView.of(s, true)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> create(ScriptRequest body) {
        return scripts.create(spec(body)).map(s -> Envelope.created(ScriptView.of(s, true)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<ScriptView>> update(@PathParam("id") String id, ScriptRequest body) {
        return scripts.update(Params.id("id", id), spec(body)).map(s -> Envelope.ok("更新成功", ScriptView.of(s, true)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<Void>> delete(@PathParam("id") String id) {
        return scripts.delete(Params.id("id", id)).replaceWith(Envelope.done("删除成功"));
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
                        new ScriptTaskService.ExecuteSpec(
                                body.scriptId(),
                                body.clusterName(),
                                body.targetNodes(),
                                body.credentialId(),
                                body.parameters(),
                                body.timeout(),
                                Boolean.TRUE.equals(body.allowSuspicious()),
                                Boolean.TRUE.equals(body.exclusive())),
                        Callers.of(identity))
                .map(t -> Envelope.ok("执行已启动", TaskViews.started(t)));
    }

    @GET
    @Path("status/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<TaskView>> status(@PathParam("task_id") String taskId) {
        return tasks.detail(TaskKind.SCRIPT, taskId).map(d -> Envelope.ok(TaskViews.detail(d)));
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
        return TaskHistoryQuery.page(tasks, TaskKind.SCRIPT, cluster, status, startDate, endDate, page, pageSize);
    }

    @POST
    @Path("cancel/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<Void>> cancel(@PathParam("task_id") String taskId) {
        return tasks.cancel(TaskKind.SCRIPT, taskId).replaceWith(Envelope.done("取消成功"));
    }

    private ScriptSpec spec(ScriptRequest b) {
        if (b == null) {
            throw ApiException.badRequest("request body is required");
        }
        return new ScriptSpec(
                b.name(),
                b.description(),
                b.content(),
                b.language(),
                b.category(),
                b.tags(),
                b.parameters(),
                b.isActive(),
                Boolean.TRUE.equals(b.allowSuspicious()) && Callers.of(identity).admin());
    }

    public record RelaunchRequest(Map<String, Object> parameters) {}

    @POST
    @Path("relaunch/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<TaskView>> relaunch(
            @PathParam("task_id") String taskId, @QueryParam("hosts") String hosts, RelaunchRequest body) {
        return relaunches
                .relaunch(
                        TaskKind.SCRIPT,
                        taskId,
                        Params.optionalText("hosts", hosts),
                        body == null ? null : body.parameters(),
                        Callers.of(identity))
                .map(t -> Envelope.ok("执行已启动", TaskViews.started(t)));
    }
}
