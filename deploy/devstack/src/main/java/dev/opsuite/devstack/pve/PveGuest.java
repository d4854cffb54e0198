package dev.opsuite.devstack.pve;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** A VM ({@code qemu}) or container ({@code lxc}) of the test cluster. Mutated under the cluster's lock. */
final class PveGuest {
    final int vmid;
    final String type;
    String node;
    String status = "stopped";
    /** PVE's config lock ("create", "backup"…), or null; held by a running task. */
    String lock;

    final Map<String, String> config = new TreeMap<>();
    long startedAt;

    PveGuest(int vmid, String type, String node, Map<String, String> config) {
        this.vmid = vmid;
        this.type = type;
        this.node = node;
        this.config.putAll(config);
    }

    String name() {
        return config.getOrDefault(type.equals("lxc") ? "hostname" : "name", (type.equals("lxc") ? "CT" : "VM") + vmid);
    }

    long maxmem() {
        return Long.parseLong(config.getOrDefault("memory", "2048")) * 1024 * 1024;
    }

    int maxcpu() {
        return Integer.parseInt(config.getOrDefault("cores", "1"));
    }

    /** The path PVE's config lock lives at, as its lock-timeout message names it. */
    String lockFile() {
        return type.equals("lxc")
                ? "/run/lock/lxc/pve-config-" + vmid + ".lock"
                : "/var/lock/qemu-server/lock-" + vmid + ".conf";
    }

    JsonObject resource(boolean nodeOnline, long now) {
        boolean running = nodeOnline && status.equals("running");
        JsonObject r = new JsonObject()
                .put("id", type + "/" + vmid)
                .put("type", type)
                .put("vmid", vmid)
                .put("name", name())
                .put("node", node)
                .put("status", nodeOnline ? status : "unknown")
                .put("template", 0)
                .put("maxcpu", maxcpu())
                .put("maxmem", maxmem())
                .put("maxdisk", 34359738368L)
                .put("disk", type.equals("lxc") ? 1288490188L : 0)
                .put("cpu", running ? 0.0123 : 0)
                .put("mem", running ? maxmem() / 3 : 0)
                .put("netin", running ? 123456 : 0)
                .put("netout", running ? 65432 : 0)
                .put("diskread", running ? 4096000 : 0)
                .put("diskwrite", running ? 1024000 : 0)
                .put("uptime", running ? Math.max(1, (now - startedAt) / 1000) : 0);
        if (lock != null) {
            r.put("lock", lock);
        }
        return r;
    }
}
