package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.automation.audit.AuditLog;
import dev.opsuite.automation.domain.AuditEntry;
import dev.opsuite.common.paging.PageRequest;
import dev.opsuite.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The audit log, newest first (admins). */
@Path("/api/v1/automation/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    public record AuditView(
            long id,
            OffsetDateTime at,
            String actor,
            String role,
            String action,
            @JsonProperty("target_type") String targetType,
            @JsonProperty("target_id") String targetId,
            String summary,
            Map<String, Object> before,
            Map<String, Object> after,
            @JsonProperty("request_id") String requestId) {
        static AuditView of(AuditEntry e) {
            return new AuditView(
                    e.id,
                    e.at,
                    e.actor,
                    e.role,
                    e.action,
                    e.targetType,
                    e.targetId,
                    e.summary,
                    e.before,
                    e.after,
                    e.requestId);
        }
    }

    public record AuditList(long total, List<AuditView> entries) {}

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Uni<Envelope<AuditList>> list(
            @QueryParam("target_type") String targetType,
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("page") String page,
            @QueryParam("page_size") String pageSize) {
        PageRequest p = Params.page(page, pageSize);
        return audit.list(
                        Params.optionalText("target_type", targetType),
                        Params.optionalText("actor", actor),
                        Params.optionalText("action", action),
                        p.offset(),
                        p.limit())
                .map(r -> Envelope.ok(new AuditList(
                        r.total(), r.entries().stream().map(AuditView::of).toList())));
    }
}
