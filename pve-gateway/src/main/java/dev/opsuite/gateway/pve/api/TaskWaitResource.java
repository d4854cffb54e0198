package dev.opsuite.gateway.pve.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.gateway.pve.suite.PveQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Waiting for a PVE task (problem+json errors). Its own resource class: JAX-RS picks the class with
 * the longest literal path first, so this one wins over the registry's {@code /api/v1/pve/clusters}.
 */
@Path("/api/v1/pve/clusters/{name}/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class TaskWaitResource {
    private static final Pattern UPID = Pattern.compile(
            "^UPID:[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?:[0-9A-Fa-f]{8}:[0-9A-Fa-f]{8,9}:[0-9A-Fa-f]{8}:[^:\\s]+:[^:\\s]*:[^:\\s]+:$");
    private static final Pattern INTEGER = Pattern.compile("^[0-9]{1,6}$");

    private final PveQueries queries;

    public TaskWaitResource(PveQueries queries) {
        this.queries = queries;
    }

    /**
     * Long-polls a PVE task until it stopped (or {@code timeout} seconds, 1-3600, default 300):
     * status, exit status and, when it failed, the tail of its log.
     */
    @GET
    @Path("{upid}/wait")
    public Uni<JsonObject> waitForTask(
            @PathParam("name") String name, @PathParam("upid") String upid, @QueryParam("timeout") String timeout) {
        if (!UPID.matcher(upid).matches()) {
            throw ApiException.validation(
                    "Invalid task id", Map.of("upid", "not a PVE UPID (UPID:node:pid:pstart:starttime:type:id:user:)"));
        }
        int seconds = 300;
        if (timeout != null) {
            if (!INTEGER.matcher(timeout).matches()
                    || Integer.parseInt(timeout) < 1
                    || Integer.parseInt(timeout) > 3600) {
                throw ApiException.validation(
                        "Invalid query", Map.of("timeout", "must be an integer 1-3600 (seconds)"));
            }
            seconds = Integer.parseInt(timeout);
        }
        return queries.waitForTask(queries.target(name), upid, Duration.ofSeconds(seconds), Duration.ofMillis(500));
    }
}
