package dev.opsuite.gateway.pve.suite;

import dev.opsuite.gateway.pve.cluster.ClusterRegistry.Target;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The suite's views over every registered cluster: merged resources (each item tagged with its
 * cluster; two registrations of the same PVE cluster, by the name in /cluster/status, count once)
 * and the per-cluster overview. A cluster that cannot be read is reported, not fatal.
 */
@ApplicationScoped
public class FleetViews {

    private final PveQueries queries;

    public FleetViews(PveQueries queries) {
        this.queries = queries;
    }

    public Uni<JsonObject> resources(String type, String cluster) {
        List<Target> targets = queries.targets(cluster);
        if (targets.isEmpty()) {
            return Uni.createFrom()
                    .item(new JsonObject().put("items", new JsonArray()).put("clusters", new JsonArray()));
        }
        String path = "/cluster/resources" + (type == null ? "" : "?type=" + type);
        List<Uni<JsonObject>> perCluster = new ArrayList<>();
        for (Target t : targets) {
            perCluster.add(Uni.combine()
                    .all()
                    .unis(queries.array(t, "/cluster/status"), queries.array(t, path))
                    .asTuple()
                    .map(tuple -> new JsonObject()
                            .put("name", t.cluster().name())
                            .put("pve_cluster", clusterName(tuple.getItem1(), t))
                            .put("items", tuple.getItem2()))
                    .onFailure()
                    .recoverWithItem(e ->
                            new JsonObject().put("name", t.cluster().name()).put("error", PveQueries.describe(e))));
        }
        return Uni.join().all(perCluster).andCollectFailures().map(results -> {
            JsonArray items = new JsonArray();
            JsonArray clusters = new JsonArray();
            Set<String> seen = new HashSet<>();
            for (JsonObject r : results) {
                JsonObject summary = new JsonObject().put("name", r.getString("name"));
                if (r.containsKey("error")) {
                    clusters.add(summary.put("status", "error").put("error", r.getString("error")));
                    continue;
                }
                String pveName = r.getString("pve_cluster");
                summary.put("pve_cluster", pveName);
                if (!seen.add(pveName)) {
                    clusters.add(summary.put("status", "duplicate"));
                    continue;
                }
                clusters.add(summary.put("status", "ok"));
                for (Object o : r.getJsonArray("items")) {
                    items.add(((JsonObject) o).copy().put("cluster", r.getString("name")));
                }
            }
            return new JsonObject().put("items", items).put("clusters", clusters);
        });
    }

    public Uni<JsonArray> overview() {
        List<Uni<JsonObject>> perCluster = new ArrayList<>();
        for (Target t : queries.targets(null)) {
            perCluster.add(Uni.combine()
                    .all()
                    .unis(queries.array(t, "/cluster/status"), queries.array(t, "/cluster/resources"))
                    .asTuple()
                    .map(tuple -> summarize(t, tuple.getItem1(), tuple.getItem2()))
                    .onFailure()
                    .recoverWithItem(e -> new JsonObject()
                            .put("cluster", t.cluster().name())
                            .put("status", "error")
                            .put("error", PveQueries.describe(e))));
        }
        if (perCluster.isEmpty()) {
            return Uni.createFrom().item(new JsonArray());
        }
        return Uni.join().all(perCluster).andCollectFailures().map(JsonArray::new);
    }

    private static JsonObject summarize(Target t, JsonArray status, JsonArray resources) {
        JsonObject cluster = entry(status, "cluster");
        int online = 0;
        int offline = 0;
        for (Object o : status) {
            JsonObject e = (JsonObject) o;
            if ("node".equals(e.getString("type"))) {
                if (Integer.valueOf(1).equals(e.getInteger("online"))) {
                    online++;
                } else {
                    offline++;
                }
            }
        }
        int vms = 0;
        int containers = 0;
        double cpuUsed = 0;
        long cpuTotal = 0;
        long memUsed = 0;
        long memTotal = 0;
        for (Object o : resources) {
            JsonObject r = (JsonObject) o;
            switch (String.valueOf(r.getString("type"))) {
                case "qemu" -> vms++;
                case "lxc" -> containers++;
                case "node" -> {
                    if ("online".equals(r.getString("status"))) {
                        long cpus = r.getLong("maxcpu", 0L);
                        cpuUsed += r.getDouble("cpu", 0.0) * cpus;
                        cpuTotal += cpus;
                        memUsed += r.getLong("mem", 0L);
                        memTotal += r.getLong("maxmem", 0L);
                    }
                }
                default -> {
                    // storage, sdn: not part of the overview
                }
            }
        }
        return new JsonObject()
                .put("cluster", t.cluster().name())
                .put("status", "ok")
                .put("pve_cluster", cluster == null ? t.cluster().name() : cluster.getString("name"))
                .put("quorate", cluster == null || Integer.valueOf(1).equals(cluster.getInteger("quorate")))
                .put("nodes_online", online)
                .put("nodes_offline", offline)
                .put("vms", vms)
                .put("containers", containers)
                .put("cpu_used", cpuTotal == 0 ? 0.0 : cpuUsed / cpuTotal)
                .put("cpu_total", cpuTotal)
                .put("mem_used", memUsed)
                .put("mem_total", memTotal);
    }

    private static String clusterName(JsonArray status, Target t) {
        JsonObject cluster = entry(status, "cluster");
        // a single node without a cluster has no such entry: its registration is its identity
        return cluster == null ? "standalone:" + t.cluster().name() : cluster.getString("name");
    }

    private static JsonObject entry(JsonArray status, String type) {
        for (Object o : status) {
            if (o instanceof JsonObject e && type.equals(e.getString("type"))) {
                return e;
            }
        }
        return null;
    }
}
