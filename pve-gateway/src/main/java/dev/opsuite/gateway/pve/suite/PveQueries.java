package dev.opsuite.gateway.pve.suite;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.gateway.pve.cluster.ClusterRegistry;
import dev.opsuite.gateway.pve.cluster.ClusterRegistry.Target;
import dev.opsuite.gateway.pve.upstream.PveUpstream;
import dev.opsuite.gateway.pve.upstream.UpstreamFailure;
import dev.opsuite.gateway.pve.upstream.UpstreamReply;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Reads of PVE for opsuite's own API and the poller: one cluster's JSON {@code data} by path,
 * PVE's failures turned into exceptions that say which cluster and what PVE said.
 */
@ApplicationScoped
public class PveQueries {

    private final ClusterRegistry clusters;
    private final PveUpstream upstream;

    public PveQueries(ClusterRegistry clusters, PveUpstream upstream) {
        this.clusters = clusters;
        this.upstream = upstream;
    }

    public List<Target> targets(String onlyName) {
        if (onlyName == null) {
            return clusters.targets();
        }
        return List.of(clusters.byName(onlyName).orElseThrow(() -> ClusterRegistry.unknown(onlyName)));
    }

    public Target target(String name) {
        return clusters.byName(name).orElseThrow(() -> ClusterRegistry.unknown(name));
    }

    /** {@code data} of a GET below /api2/json, as JSON (object, array or string). */
    public Uni<Object> data(Target target, String path) {
        return upstream.call(target, HttpMethod.GET, "/api2/json" + path, null, null)
                .map(reply -> {
                    if (reply.status() == 500 && "no such task".equals(reply.reason())) {
                        throw ApiException.notFound(
                                "PVE cluster '" + target.cluster().name() + "' has no such task");
                    }
                    if (!reply.isSuccess()) {
                        throw new PveAnswered(target.cluster().name(), reply);
                    }
                    return new JsonObject(reply.body()).getValue("data");
                });
    }

    public Uni<JsonArray> array(Target target, String path) {
        return data(target, path).map(d -> d instanceof JsonArray a ? a : new JsonArray());
    }

    /** Polls a task's status until it stopped or {@code timeout} passed; the log tail when it failed. */
    public Uni<JsonObject> waitForTask(Target target, String upid, Duration timeout, Duration every) {
        String node = upid.split(":")[1];
        String base = "/nodes/" + node + "/tasks/" + URLEncoder.encode(upid, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        return poll(target, base, deadline, every).chain(status -> {
            JsonObject result = new JsonObject()
                    .put("cluster", target.cluster().name())
                    .put("upid", upid)
                    .put("node", node)
                    .put("status", status.getString("status"))
                    .put("finished", "stopped".equals(status.getString("status")))
                    .put("exitstatus", status.getString("exitstatus"));
            if (!result.getBoolean("finished") || "OK".equals(status.getString("exitstatus"))) {
                return Uni.createFrom().item(result);
            }
            return array(target, base + "/log?start=0&limit=500").map(lines -> {
                JsonArray tail = new JsonArray();
                int from = Math.max(0, lines.size() - 20);
                for (int i = from; i < lines.size(); i++) {
                    tail.add(lines.getJsonObject(i).getString("t"));
                }
                return result.put("log_tail", tail);
            });
        });
    }

    private Uni<JsonObject> poll(Target target, String base, long deadline, Duration every) {
        return data(target, base + "/status").chain(d -> {
            JsonObject status = d instanceof JsonObject o ? o : new JsonObject();
            if ("stopped".equals(status.getString("status")) || System.nanoTime() - deadline >= 0) {
                return Uni.createFrom().item(status);
            }
            return Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(every)
                    .chain(() -> poll(target, base, deadline, every));
        });
    }

    /** PVE answered with an error status. */
    public static final class PveAnswered extends ApiException {
        public PveAnswered(String cluster, UpstreamReply reply) {
            super(
                    502,
                    "upstream_error",
                    "PVE cluster '" + cluster + "' answered " + reply.status() + " " + reply.reason());
        }
    }

    /** For callers that report per cluster instead of failing: the message of a failure. */
    public static String describe(Throwable e) {
        if (e instanceof UpstreamFailure || e instanceof ApiException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
