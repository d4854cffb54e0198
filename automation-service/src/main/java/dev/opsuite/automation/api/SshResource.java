package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.automation.api.TaskViews.History;
import dev.opsuite.automation.api.TaskViews.TaskView;
import dev.opsuite.automation.domain.TaskKind;
import dev.opsuite.automation.relaunch.RelaunchService;
import dev.opsuite.automation.ssh.SshTaskService;
import dev.opsuite.automation.task.TaskQueries;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** SSH commands on nodes: run (operators), follow and list (viewers), cancel (operators). */
@Path("/api/v1/automation/ssh")
@Produces(MediaType.APPLICATION_JSON)
public class SshResource {
    public record ExecuteRequest(
            @JsonProperty("cluster_name") String clusterName,
            @JsonProperty("target_nodes") List<String> targetNodes,
            @JsonProperty("credential_id") Long credentialId,
            String command,
            Integer timeout,
            @JsonProperty("allow_suspicious") Boolean allowSuspicious,
            Boolean exclusive) {}

    private final SshTaskService ssh;
    private final TaskQueries tasks;
    private final RelaunchService relaunches;
    private final SecurityIdentity identity;

    public SshResource(SshTaskService ssh, TaskQueries tasks, SecurityIdentity identity, RelaunchService relaunches) {
        this.relaunches = relaunches;
        this.ssh = ssh;
        this.tasks = tasks;
        this.identity = identity;
    }

    @POST
    @Path("execute")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<TaskView>> execute(ExecuteRequest body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        return ssh.execute(
                        new SshTaskService.ExecuteSpec(
                                body.clusterName(),
                                body.targetNodes(),
                                body.credentialId(),
                                body.command(),
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
        return tasks.detail(TaskKind.SSH, taskId).map(d -> Envelope.ok(TaskViews.detail(d)));
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
        return TaskHistoryQuery.page(tasks, TaskKind.SSH, cluster, status, startDate, endDate, page, pageSize);
    }

    @POST
    @Path("cancel/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<Void>> cancel(@PathParam("task_id") String taskId) {
        return tasks.cancel(TaskKind.SSH, taskId).replaceWith(Envelope.done("取消成功"));
    }

    public record RelaunchRequest(Map<String, Object> parameters) {}

    @POST
    @Path("relaunch/{task_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<TaskView>> relaunch(
            @PathParam("task_id") String taskId, @QueryParam("hosts") String hosts, RelaunchRequest body) {
        return relaunches
                .relaunch(
                        TaskKind.SSH,
                        taskId,
                        Params.optionalText("hosts", hosts),
                        body == null ? null : body.parameters(),
                        Callers.of(identity))
                .map(t -> Envelope.ok("执行已启动", TaskViews.started(t)));
    }
}
