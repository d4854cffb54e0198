package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.automation.ansible.AnsibleTaskService;
import dev.opsuite.automation.ansible.PlaybookService;
import dev.opsuite.automation.ansible.PlaybookSpec;
import dev.opsuite.automation.api.TaskViews.History;
import dev.opsuite.automation.api.TaskViews.TaskView;
import dev.opsuite.automation.domain.Playbook;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.relaunch.RelaunchService;
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

/** Ansible: playbook catalogue (read by viewers, written by operators) and playbook runs. */
@Path("/api/v1/automation/ansible")
@Produces(MediaType.APPLICATION_JSON)
public class AnsibleResource {
    public record PlaybookRequest(
            String name,
            String description,
            String content,
            String category,
            List<String> tags,
            @JsonProperty("is_active") Boolean isActive) {}

    public record RunRequest(
            @JsonProperty("playbook_id") Long playbookId,
            @JsonProperty("cluster_name") String clusterName,
            @JsonProperty("target_nodes") List<String> targetNodes,
            @JsonProperty("credential_id") Long credentialId,
            @JsonProperty("extra_args") String extraArgs,
            @JsonProperty("extra_vars") Map<String, Object> extraVars,
            Boolean exclusive) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlaybookView(
            long id,
            String name,
            String description,
            String content,
            String category,
            @JsonProperty("is_builtin") boolean isBuiltin,
            @JsonProperty("is_active") boolean isActive,
            int version,
            List<String> tags,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            @JsonProperty("updated_at") OffsetDateTime updatedAt) {
        static PlaybookView of(Playbook p) {
            return new PlaybookView(
                    p.id,
                    p.name,
                    p.description,
                    p.content,
                    p.category,
                    p.isBuiltin,
                    p.isActive,
                    p.version,
                    p.tags == null ? List.of() : p.tags,
                    p.createdAt,
                    p.updatedAt);
        }
    }

    public record PlaybookList(long total, List<PlaybookView> playbooks) {}

    private final PlaybookService playbooks;
    private final AnsibleTaskService runs;
    private final TaskQueries tasks;
    private final RelaunchService relaunches;
    private final SecurityIdentity identity;

    public AnsibleResource(
            PlaybookService playbooks,
            AnsibleTaskService runs,
            TaskQueries tasks,
            SecurityIdentity identity,
            RelaunchService relaunches) {
        this.relaunches = relaunches;
        this.playbooks = playbooks;
        this.runs = runs;
        this.tasks = tasks;
        this.identity = identity;
    }

    @GET
    @Path("playbooks")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<PlaybookList>> list(
            @QueryParam("category") String category,
            @QueryParam("is_builtin") String builtin,
            @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize) {
        PageRequest p = Params.page(page, pageSize);
        return playbooks
                .list(
                        Params.optionalText("category", category),
                        Params.optionalBool("is_builtin", builtin),
                        p.offset(),
                        p.limit())
                .map(r -> Envelope.ok(new PlaybookList(
                        r.total(), r.playbooks().stream().map(PlaybookView::of).toList())));
    }

    @GET
    @Path("playbooks/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<PlaybookView>> get(@PathParam("id") String id) {
        return playbooks.get(Params.id("id", id)).map(p -> Envelope.ok(PlaybookView.of(p)));
    }

    @POST
    @Path("playbooks")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> create(PlaybookRequest body) {
        return playbooks.create(spec(body)).map(p -> Envelope.created(PlaybookView.of(p)));
    }

    @PUT
    @Path("playbooks/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<PlaybookView>> update(@PathParam("id") String id, PlaybookRequest body) {
        return playbooks.update(Params.id("id", id), spec(body)).map(p -> Envelope.ok("更新成功", PlaybookView.of(p)));
    }

    @DELETE
    @Path("playbooks/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<Void>> delete(@PathParam("id") String id) {
        return playbooks.delete(Params.id("id", id)).replaceWith(Envelope.done("删除成功"));
    }

    @POST
    @Path("run")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<TaskView>> run(RunRequest body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        return runs.run(
                        new AnsibleTaskService.RunSpec(
                                body.playbookId(),
                                body.clusterName(),
                                body.targetNodes(),
                                body.credentialId(),
                                body.extraArgs(),
                                body.extraVars(),
                                Boolean.TRUE.equals(body.exclusive())),
                        Callers.of(identity))
                .map(t -> Envelope.ok("执行已启动", TaskViews.started(t)));
    }

    @GET
    @Path("status/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<TaskView>> status(@PathParam("task_id") String taskId) {
        return tasks.detail(TaskKind.ANSIBLE, taskId).map(d -> Envelope.ok(TaskViews.detail(d)));
    }

    @POST
    @Path("cancel/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<Void>> cancel(@PathParam("task_id") String taskId) {
        return tasks.cancel(TaskKind.ANSIBLE, taskId).replaceWith(Envelope.done("取消成功"));
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
        return TaskHistoryQuery.page(tasks, TaskKind.ANSIBLE, cluster, status, startDate, endDate, page, pageSize);
    }

    private static PlaybookSpec spec(PlaybookRequest b) {
        if (b == null) {
            throw ApiException.badRequest("request body is required");
        }
        return new PlaybookSpec(b.name(), b.description(), b.content(), b.category(), b.tags(), b.isActive());
    }

    public record RelaunchRequest(Map<String, Object> parameters) {}

    @POST
    @Path("relaunch/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<TaskView>> relaunch(
            @PathParam("task_id") String taskId, @QueryParam("hosts") String hosts, RelaunchRequest body) {
        return relaunches
                .relaunch(
                        TaskKind.ANSIBLE,
                        taskId,
                        Params.optionalText("hosts", hosts),
                        body == null ? null : body.parameters(),
                        Callers.of(identity))
                .map(t -> Envelope.ok("执行已启动", TaskViews.started(t)));
    }
}
