package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.automation.domain.Schedule;
import dev.opsuite.automation.schedule.CronTimes;
import dev.opsuite.automation.schedule.ScheduleService;
import dev.opsuite.automation.schedule.ScheduleSpec;
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

/** Cron schedules of runs: read by viewers, written by operators. */
@Path("/api/v1/automation/schedules")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {
    public record ScheduleRequest(
            String name,
            String kind,
            String cron,
            @JsonProperty("time_zone") String timeZone,
            Boolean enabled,
            @JsonProperty("misfire_policy") String misfirePolicy,
            Map<String, Object> request) {}

    public record ScheduleView(
            long id,
            String name,
            String kind,
            String cron,
            @JsonProperty("time_zone") String timeZone,
            boolean enabled,
            @JsonProperty("misfire_policy") String misfirePolicy,
            Map<String, Object> request,
            @JsonProperty("next_run_at") OffsetDateTime nextRunAt,
            @JsonProperty("next_runs") List<OffsetDateTime> nextRuns,
            @JsonProperty("last_run_at") OffsetDateTime lastRunAt,
            @JsonProperty("last_task_id") String lastTaskId,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("created_by") String createdBy) {
        static ScheduleView of(Schedule s) {
            List<OffsetDateTime> next =
                    s.enabled ? CronTimes.upcoming(s.cron, s.timeZone, OffsetDateTime.now(), 5) : List.of();
            return new ScheduleView(
                    s.id,
                    s.name,
                    s.kind,
                    s.cron,
                    s.timeZone,
                    s.enabled,
                    s.misfirePolicy,
                    s.request,
                    s.nextRunAt,
                    next,
                    s.lastRunAt,
                    s.lastTaskId,
                    s.lastError,
                    s.createdBy);
        }
    }

    public record ScheduleList(long total, List<ScheduleView> schedules) {}

    private final ScheduleService schedules;
    private final SecurityIdentity identity;

    public ScheduleResource(ScheduleService schedules, SecurityIdentity identity) {
        this.schedules = schedules;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<ScheduleList>> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        PageRequest p = Params.page(page, pageSize);
        return schedules
                .list(p.offset(), p.limit())
                .map(r -> Envelope.ok(new ScheduleList(
                        r.total(), r.schedules().stream().map(ScheduleView::of).toList())));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Envelope<ScheduleView>> get(@PathParam("id") String id) {
        return schedules.get(Params.id("id", id)).map(s -> Envelope.ok(ScheduleView.of(s)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> create(ScheduleRequest body) {
        return schedules
                .create(spec(body), Callers.of(identity).username())
                .map(s -> Envelope.created(ScheduleView.of(s)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<ScheduleView>> update(@PathParam("id") String id, ScheduleRequest body) {
        return schedules.update(Params.id("id", id), spec(body)).map(s -> Envelope.ok("更新成功", ScheduleView.of(s)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Envelope<Void>> delete(@PathParam("id") String id) {
        return schedules.delete(Params.id("id", id)).replaceWith(Envelope.done("删除成功"));
    }

    private static ScheduleSpec spec(ScheduleRequest b) {
        if (b == null) {
            throw ApiException.badRequest("request body is required");
        }
        return new ScheduleSpec(
                b.name(), b.kind(), b.cron(), b.timeZone(), b.enabled(), b.misfirePolicy(), b.request());
    }
}
