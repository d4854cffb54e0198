package dev.opsuite.devstack.pve;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slice of PVE's API (pve-manager's API viewer schema) the suite and its tests use: the reads of
 * the seed document, guest create/destroy/start/stop/config with their worker tasks and config
 * locks, and PVE's validation and error wording. Anything else is PVE's "not implemented" 501.
 */
final class PveApi {

    private static final String UNKNOWN_PROPERTY =
            "property is not defined in schema and the schema does not allow additional properties";
    private static final Pattern NODE_PATH = Pattern.compile("^/nodes/([^/]+)(/.*)?$");
    private static final Pattern GUEST_PATH = Pattern.compile("^/(qemu|lxc)/([^/]+)(/.*)?$");
    private static final Pattern TASK_PATH = Pattern.compile("^/tasks/(UPID:[^/]+)/(status|log)$");
    private static final Pattern QEMU_CREATE_KEYS = Pattern.compile(
            "^(vmid|name|memory|cores|sockets|cpu|ostype|start|description|tags|pool|storage|bios|machine|scsihw"
                    + "|agent|boot|onboot|balloon|(net|scsi|ide|sata|virtio)\\d+)$");
    private static final Pattern LXC_CREATE_KEYS = Pattern.compile(
            "^(vmid|ostemplate|hostname|memory|swap|cores|rootfs|password|ssh-public-keys|storage|unprivileged"
                    + "|start|pool|tags|description|onboot|(net|mp)\\d+)$");
    private static final List<String> RESOURCE_TYPES = List.of("vm", "storage", "node", "sdn");
    private static final List<String> NETWORK_TYPES = List.of(
            "bridge",
            "bond",
            "eth",
            "alias",
            "vlan",
            "OVSBridge",
            "OVSBond",
            "OVSPort",
            "OVSIntPort",
            "any_bridge",
            "any_local_bridge");
    private static final List<String> TASK_SOURCES = List.of("archive", "active", "all");

    private final Vertx vertx;
    private final PveState state;
    private final PveFaults faults;
    private final Duration taskDuration;
    private final Duration lockTimeout;

    PveApi(Vertx vertx, PveState state, PveFaults faults, Duration taskDuration, Duration lockTimeout) {
        this.vertx = vertx;
        this.state = state;
        this.faults = faults;
        this.taskDuration = taskDuration;
        this.lockTimeout = lockTimeout;
    }

    Future<PveReply> handle(PveRequest r) {
        String lockFile = lockFileOf(r.path());
        Optional<PveReply> fault = faults.take(r.method(), r.path(), lockFile);
        if (fault.isPresent()) {
            return Future.succeededFuture(fault.get());
        }
        try {
            return dispatch(r);
        } catch (ParamException e) {
            return Future.succeededFuture(PveReply.paramError(e.errors));
        }
    }

    private Future<PveReply> dispatch(PveRequest r) {
        String p = r.path();
        boolean get = r.method().equals("GET");
        if (get && p.equals("/version")) {
            allow(r, Set.of());
            return done(PveReply.ok(new JsonObject()
                    .put("version", "8.3.2")
                    .put("release", "8.3")
                    .put("repoid", "3e76eec21c4a14a7")
                    .put("console", "html5")));
        }
        if (get && p.equals("/nodes")) {
            allow(r, Set.of());
            return done(PveReply.ok(nodeList()));
        }
        if (get && p.equals("/cluster/status")) {
            allow(r, Set.of());
            return done(PveReply.ok(clusterStatus(r.servingNode())));
        }
        if (get && p.equals("/cluster/resources")) {
            allow(r, Set.of("type"));
            String type = r.params().get("type");
            if (type != null) {
                enumeration("type", type, RESOURCE_TYPES);
            }
            return done(PveReply.ok(resources(type)));
        }
        if (get && p.equals("/cluster/nextid")) {
            allow(r, Set.of("vmid"));
            String vmid = r.params().get("vmid");
            if (vmid == null) {
                return done(PveReply.ok(Integer.toString(state.nextFreeId())));
            }
            int id = vmid("vmid", vmid);
            if (state.vmidUsed(id)) {
                throw new ParamException(Map.of("vmid", "VM " + id + " already exists"));
            }
            return done(PveReply.ok(Integer.toString(id)));
        }
        Matcher node = NODE_PATH.matcher(p);
        if (node.matches()) {
            String name = node.group(1);
            if (state.node(name).isEmpty()) {
                // pveproxy resolves the node to proxy to before looking at the rest of the path
                return done(PveReply.error(
                        500,
                        "hostname lookup '" + name + "' failed - failed to get address info for: " + name
                                + ": Name or service not known"));
            }
            if (!state.isOnline(name)) {
                return done(PveReply.error(595, "No route to host"));
            }
            return nodeScoped(r, name, node.group(2) == null ? "" : node.group(2));
        }
        return done(PveReply.error(501, "Method '" + r.method() + " /api2/json" + p + "' not implemented"));
    }

    private Future<PveReply> nodeScoped(PveRequest r, String node, String rest) {
        boolean get = r.method().equals("GET");
        if (get && rest.equals("/status")) {
            allow(r, Set.of());
            return done(PveReply.ok(nodeStatus(node)));
        }
        if (get && rest.equals("/network")) {
            allow(r, Set.of("type"));
            String type = r.params().get("type");
            if (type != null) {
                enumeration("type", type, NETWORK_TYPES);
            }
            return done(PveReply.ok(network(node, type)));
        }
        if (get && rest.equals("/tasks")) {
            return done(taskList(r, node));
        }
        Matcher task = TASK_PATH.matcher(rest);
        if (get && task.matches()) {
            return done(taskRead(r, node, task.group(1), task.group(2)));
        }
        if (rest.equals("/qemu") || rest.equals("/lxc")) {
            String type = rest.substring(1);
            if (get) {
                allow(r, Set.of("full"));
                JsonArray list = new JsonArray();
                state.guests(g -> g.node.equals(node) && g.type.equals(type)).forEach(g -> list.add(guestSummary(g)));
                return done(PveReply.ok(list));
            }
            if (r.method().equals("POST")) {
                return create(r, node, type);
            }
        }
        Matcher guest = GUEST_PATH.matcher(rest);
        if (guest.matches()) {
            return guestScoped(r, node, guest.group(1), guest.group(2), guest.group(3) == null ? "" : guest.group(3));
        }
        return done(PveReply.error(
                501, "Method '" + r.method() + " /api2/json/nodes/" + node + rest + "' not implemented"));
    }

    private Future<PveReply> guestScoped(PveRequest r, String node, String type, String rawVmid, String rest) {
        int vmid = vmid("vmid", rawVmid);
        Optional<PveGuest> found = state.guest(vmid).filter(g -> g.type.equals(type) && g.node.equals(node));
        if (found.isEmpty()) {
            return done(PveReply.error(
                    500,
                    "Configuration file 'nodes/" + node + "/" + type + (type.equals("lxc") ? "" : "-server") + "/"
                            + vmid + ".conf' does not exist"));
        }
        PveGuest g = found.get();
        String m = r.method();
        if (m.equals("GET") && rest.equals("/status/current")) {
            allow(r, Set.of());
            return done(PveReply.ok(guestSummary(g)));
        }
        if (m.equals("GET") && rest.equals("/config")) {
            allow(r, Set.of("current", "snapshot"));
            JsonObject config = new JsonObject().put("digest", Integer.toHexString(g.config.hashCode()));
            g.config.forEach(config::put);
            return done(PveReply.ok(config));
        }
        if (m.equals("PUT") && rest.equals("/config")) {
            // synchronous config update: takes the config lock in the API worker itself
            return withLock(g, "config", () -> {
                r.params().forEach((k, v) -> {
                    if (!k.equals("digest") && !k.equals("delete")) {
                        g.config.put(k, v);
                    }
                });
                state.unlock(g);
                return Future.succeededFuture(new PveReply(200, "OK", new JsonObject().putNull("data")));
            });
        }
        Matcher action =
                Pattern.compile("^/status/(start|stop|shutdown|reboot)$").matcher(rest);
        if (m.equals("POST") && action.matches()) {
            String verb = action.group(1);
            String taskType = (type.equals("lxc") ? "vz" : "qm") + verb;
            return withLock(g, verb, () -> {
                PveTask t = state.startTask(node, taskType, Integer.toString(vmid), r.user());
                finishLater(t, () -> {
                    g.status = verb.equals("stop") || verb.equals("shutdown") ? "stopped" : "running";
                    if (g.status.equals("running")) {
                        g.startedAt = System.currentTimeMillis();
                    }
                    state.unlock(g);
                });
                return done(PveReply.ok(t.upid));
            });
        }
        if (m.equals("DELETE") && rest.isEmpty()) {
            allow(r, Set.of("purge", "destroy-unreferenced-disks", "skiplock"));
            if (g.status.equals("running")) {
                return done(PveReply.error(
                        500, (type.equals("lxc") ? "CT " : "VM ") + vmid + " is running - destroy failed"));
            }
            return withLock(g, "destroyed", () -> {
                PveTask t = state.startTask(
                        node, type.equals("lxc") ? "vzdestroy" : "qmdestroy", Integer.toString(vmid), r.user());
                finishLater(t, () -> state.removeGuest(vmid));
                return done(PveReply.ok(t.upid));
            });
        }
        return done(PveReply.error(
                501,
                "Method '" + m + " /api2/json/nodes/" + node + "/" + type + "/" + vmid + rest + "' not implemented"));
    }

    private Future<PveReply> create(PveRequest r, String node, String type) {
        Pattern keys = type.equals("lxc") ? LXC_CREATE_KEYS : QEMU_CREATE_KEYS;
        Map<String, String> errors = new LinkedHashMap<>();
        r.params().keySet().stream()
                .filter(k -> !keys.matcher(k).matches())
                .forEach(k -> errors.put(k, UNKNOWN_PROPERTY));
        if (!r.params().containsKey("vmid")) {
            errors.put("vmid", "property is missing and it is not optional");
        }
        if (type.equals("lxc") && !r.params().containsKey("ostemplate")) {
            errors.put("ostemplate", "property is missing and it is not optional");
        }
        if (!errors.isEmpty()) {
            throw new ParamException(errors);
        }
        int vmid = vmid("vmid", r.params().get("vmid"));
        if (r.params().containsKey("memory")) {
            integer("memory", r.params().get("memory"), 16);
        }
        if (r.params().containsKey("cores")) {
            integer("cores", r.params().get("cores"), 1);
        }
        Map<String, String> config = new LinkedHashMap<>(r.params());
        config.remove("vmid");
        config.remove("start");
        config.remove("password");
        Optional<PveGuest> created = state.createGuest(vmid, type, node, config);
        if (created.isEmpty()) {
            String owner = state.guest(vmid).map(g -> g.node).orElse(node);
            return done(PveReply.error(
                    500, (type.equals("lxc") ? "CT " : "VM ") + vmid + " already exists on node '" + owner + "'"));
        }
        PveGuest g = created.get();
        boolean start = "1".equals(r.params().get("start"));
        PveTask t =
                state.startTask(node, type.equals("lxc") ? "vzcreate" : "qmcreate", Integer.toString(vmid), r.user());
        state.appendLog(
                t,
                type.equals("lxc")
                        ? "extracting archive '" + r.params().get("ostemplate") + "'"
                        : "Formatting '/var/lib/vz/images/" + vmid + "/vm-" + vmid
                                + "-disk-0.raw', fmt=raw size=34359738368");
        finishLater(t, () -> {
            if (start) {
                g.status = "running";
                g.startedAt = System.currentTimeMillis();
            }
            state.unlock(g);
        });
        return done(PveReply.ok(t.upid));
    }

    private void finishLater(PveTask task, Runnable effect) {
        vertx.setTimer(Math.max(1, taskDuration.toMillis()), id -> {
            effect.run();
            state.finishTask(task, "OK");
        });
    }

    /** Waits for the guest's config lock like PVE's lock_file (10 s there, configurable here), then runs. */
    private Future<PveReply> withLock(PveGuest g, String what, Supplier<Future<PveReply>> action) {
        Promise<PveReply> promise = Promise.promise();
        long deadline = System.currentTimeMillis() + lockTimeout.toMillis();
        tryLock(g, what, action, deadline, promise);
        return promise.future();
    }

    private void tryLock(
            PveGuest g, String what, Supplier<Future<PveReply>> action, long deadline, Promise<PveReply> promise) {
        if (state.tryLock(g, what)) {
            try {
                action.get().onComplete(promise);
            } catch (ParamException e) {
                state.unlock(g);
                promise.complete(PveReply.paramError(e.errors));
            }
            return;
        }
        if (System.currentTimeMillis() >= deadline) {
            promise.complete(PveReply.error(500, "can't lock file '" + g.lockFile() + "' - got timeout"));
            return;
        }
        vertx.setTimer(50, id -> tryLock(g, what, action, deadline, promise));
    }

    private PveReply taskList(PveRequest r, String node) {
        allow(
                r,
                Set.of(
                        "limit",
                        "start",
                        "since",
                        "until",
                        "statusfilter",
                        "typefilter",
                        "userfilter",
                        "vmid",
                        "source",
                        "errors"));
        Map<String, String> q = r.params();
        int limit = q.containsKey("limit") ? integer("limit", q.get("limit"), 0) : 50;
        int start = q.containsKey("start") ? integer("start", q.get("start"), 0) : 0;
        String source = q.getOrDefault("source", "archive");
        enumeration("source", source, TASK_SOURCES);
        boolean errorsOnly = q.containsKey("errors") && bool("errors", q.get("errors"));
        Long since = q.containsKey("since") ? (long) integer("since", q.get("since"), 0) : null;
        Long until = q.containsKey("until") ? (long) integer("until", q.get("until"), 0) : null;
        Integer vmid = q.containsKey("vmid") ? vmid("vmid", q.get("vmid")) : null;
        String typefilter = q.get("typefilter");
        String userfilter = q.get("userfilter");
        List<String> statuses =
                q.containsKey("statusfilter") ? List.of(q.get("statusfilter").split(",")) : null;
        Predicate<PveTask> filter = t -> t.node.equals(node)
                && (source.equals("all") || (source.equals("active") == t.running()))
                && (!errorsOnly || (!t.running() && !t.exitstatus.equals("OK")))
                && (since == null || t.starttime >= since)
                && (until == null || t.starttime <= until)
                && (vmid == null || t.id.equals(vmid.toString()))
                && (typefilter == null || t.type.equals(typefilter))
                && (userfilter == null || t.user.contains(userfilter))
                && (statuses == null || statuses.contains(t.statusClass()));
        List<PveTask> matched = state.tasks(filter);
        JsonArray page = new JsonArray();
        matched.stream().skip(start).limit(limit).forEach(t -> page.add(t.listEntry()));
        return PveReply.okWithTotal(page, matched.size());
    }

    private PveReply taskRead(PveRequest r, String node, String upid, String what) {
        Optional<PveTask> task = state.task(upid).filter(t -> t.node.equals(node));
        if (upid.split(":").length < 8) {
            throw new ParamException(Map.of("upid", "unable to parse worker upid '" + upid + "'"));
        }
        if (task.isEmpty()) {
            return PveReply.error(500, "no such task");
        }
        if (what.equals("status")) {
            allow(r, Set.of());
            return PveReply.ok(task.get().status());
        }
        allow(r, Set.of("start", "limit", "download"));
        int start =
                r.params().containsKey("start") ? integer("start", r.params().get("start"), 0) : 0;
        int limit =
                r.params().containsKey("limit") ? integer("limit", r.params().get("limit"), 0) : 50;
        return PveReply.okWithTotal(state.taskLog(task.get(), start, limit), state.taskLogSize(task.get()));
    }

    private JsonArray nodeList() {
        JsonArray list = new JsonArray();
        for (PveState.NodeInfo n : state.nodes()) {
            boolean up = state.isOnline(n.name());
            JsonObject o = new JsonObject()
                    .put("node", n.name())
                    .put("id", "node/" + n.name())
                    .put("type", "node")
                    .put("status", up ? "online" : "offline")
                    .put("level", "")
                    .put("ssl_fingerprint", "");
            if (up) {
                o.put("cpu", 0.0312)
                        .put("maxcpu", 8)
                        .put("mem", 5_368_709_120L)
                        .put("maxmem", 33_554_432_000L)
                        .put("disk", 9_663_676_416L)
                        .put("maxdisk", 100_861_726_720L)
                        .put("uptime", state.uptimeSeconds());
            }
            list.add(o);
        }
        return list;
    }

    private JsonArray clusterStatus(String servingNode) {
        JsonArray list = new JsonArray();
        boolean quorate =
                state.nodes().stream().filter(n -> state.isOnline(n.name())).count() * 2
                        > state.nodes().size();
        list.add(new JsonObject()
                .put("type", "cluster")
                .put("id", "cluster")
                .put("name", state.clusterName())
                .put("nodes", state.nodes().size())
                .put("quorate", quorate ? 1 : 0)
                .put("version", state.nodes().size()));
        for (PveState.NodeInfo n : state.nodes()) {
            list.add(new JsonObject()
                    .put("type", "node")
                    .put("id", "node/" + n.name())
                    .put("name", n.name())
                    .put("nodeid", n.nodeid())
                    .put("ip", n.ip())
                    .put("online", state.isOnline(n.name()) ? 1 : 0)
                    .put("local", n.name().equals(servingNode) ? 1 : 0)
                    .put("level", ""));
        }
        return list;
    }

    private JsonArray resources(String type) {
        JsonArray list = new JsonArray();
        long now = System.currentTimeMillis();
        if (type == null || type.equals("node")) {
            for (Object o : nodeList()) {
                JsonObject n = (JsonObject) o;
                n.remove("ssl_fingerprint");
                n.put("cgroup-mode", 2);
                n.put("node", n.getString("node"));
                list.add(n);
            }
        }
        if (type == null || type.equals("vm")) {
            state.guests(g -> true).forEach(g -> list.add(g.resource(state.isOnline(g.node), now)));
        }
        if (type == null || type.equals("storage")) {
            for (PveState.NodeInfo n : state.nodes()) {
                boolean up = state.isOnline(n.name());
                list.add(new JsonObject()
                        .put("id", "storage/" + n.name() + "/local")
                        .put("type", "storage")
                        .put("storage", "local")
                        .put("node", n.name())
                        .put("status", up ? "available" : "unknown")
                        .put("content", "iso,vztmpl,backup")
                        .put("plugintype", "dir")
                        .put("shared", 0)
                        .put("disk", 9_663_676_416L)
                        .put("maxdisk", 100_861_726_720L));
            }
        }
        if (type == null || type.equals("sdn")) {
            for (PveState.NodeInfo n : state.nodes()) {
                list.add(new JsonObject()
                        .put("id", "sdn/" + n.name() + "/localnetwork")
                        .put("type", "sdn")
                        .put("sdn", "localnetwork")
                        .put("node", n.name())
                        .put("status", state.isOnline(n.name()) ? "ok" : "unknown"));
            }
        }
        return list;
    }

    private JsonObject nodeStatus(String node) {
        return new JsonObject()
                .put("cpu", 0.0312)
                .put("wait", 0.0011)
                .put("idle", 0)
                .put("uptime", state.uptimeSeconds())
                .put("loadavg", new JsonArray().add("0.21").add("0.17").add("0.11"))
                .put("kversion", "Linux 6.8.12-5-pve #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-5 (2024-12-03T10:26Z)")
                .put("pveversion", "pve-manager/8.3.2/3e76eec21c4a14a7")
                .put(
                        "current-kernel",
                        new JsonObject()
                                .put("sysname", "Linux")
                                .put("release", "6.8.12-5-pve")
                                .put("version", "#1 SMP PREEMPT_DYNAMIC PMX 6.8.12-5 (2024-12-03T10:26Z)")
                                .put("machine", "x86_64"))
                .put(
                        "cpuinfo",
                        new JsonObject()
                                .put("cpus", 8)
                                .put("cores", 4)
                                .put("sockets", 1)
                                .put("mhz", "3400.000")
                                .put("model", "Intel(R) Xeon(R) E-2246G CPU @ 3.60GHz")
                                .put("hvm", "1")
                                .put("user_hz", 100))
                .put(
                        "memory",
                        new JsonObject()
                                .put("total", 33_554_432_000L)
                                .put("used", 5_368_709_120L)
                                .put("free", 28_185_722_880L))
                .put(
                        "swap",
                        new JsonObject()
                                .put("total", 8_589_930_496L)
                                .put("used", 0)
                                .put("free", 8_589_930_496L))
                .put(
                        "rootfs",
                        new JsonObject()
                                .put("total", 100_861_726_720L)
                                .put("used", 9_663_676_416L)
                                .put("free", 91_198_050_304L)
                                .put("avail", 86_041_239_552L))
                .put("ksm", new JsonObject().put("shared", 0))
                .put("boot-info", new JsonObject().put("mode", "efi").put("secureboot", 0))
                .put("node", node);
    }

    private JsonArray network(String node, String type) {
        String ip = state.node(node).map(PveState.NodeInfo::ip).orElse("10.10.10.10");
        JsonArray all = new JsonArray()
                .add(new JsonObject()
                        .put("iface", "eno1")
                        .put("type", "eth")
                        .put("active", 1)
                        .put("exists", 1)
                        .put("method", "manual")
                        .put("families", new JsonArray().add("inet"))
                        .put("priority", 3))
                .add(new JsonObject()
                        .put("iface", "vmbr0")
                        .put("type", "bridge")
                        .put("active", 1)
                        .put("autostart", 1)
                        .put("method", "static")
                        .put("address", ip)
                        .put("netmask", "24")
                        .put("cidr", ip + "/24")
                        .put("gateway", "10.10.10.1")
                        .put("bridge_ports", "eno1")
                        .put("bridge_stp", "off")
                        .put("bridge_fd", "0")
                        .put("mtu", 1500)
                        .put("families", new JsonArray().add("inet"))
                        .put("priority", 4));
        if (type == null) {
            return all;
        }
        JsonArray filtered = new JsonArray();
        all.stream()
                .map(JsonObject.class::cast)
                .filter(o -> o.getString("type").equals(type)
                        || (type.startsWith("any_") && o.getString("type").equals("bridge")))
                .forEach(filtered::add);
        return filtered;
    }

    private JsonObject guestSummary(PveGuest g) {
        JsonObject o = g.resource(state.isOnline(g.node), System.currentTimeMillis());
        o.remove("id");
        o.remove("type");
        o.remove("node");
        o.put("cpus", g.maxcpu());
        return o;
    }

    private static String lockFileOf(String path) {
        Matcher m = Pattern.compile("/(qemu|lxc)/(\\d+)").matcher(path);
        if (m.find()) {
            return m.group(1).equals("lxc")
                    ? "/run/lock/lxc/pve-config-" + m.group(2) + ".lock"
                    : "/var/lock/qemu-server/lock-" + m.group(2) + ".conf";
        }
        return "/var/lock/qemu-server/lock-100.conf";
    }

    private static Future<PveReply> done(PveReply reply) {
        return Future.succeededFuture(reply);
    }

    // ---- PVE's JSON-schema checks, worded as pve-common's JSONSchema words them

    static final class ParamException extends RuntimeException {
        final Map<String, String> errors;

        ParamException(Map<String, String> errors) {
            super("parameter verification failed", null, false, false);
            this.errors = errors;
        }
    }

    private static void allow(PveRequest r, Set<String> allowed) {
        Map<String, String> errors = new LinkedHashMap<>();
        r.params().keySet().stream()
                .filter(k -> !allowed.contains(k) && !k.equals("_dc"))
                .forEach(k -> errors.put(k, UNKNOWN_PROPERTY));
        if (!errors.isEmpty()) {
            throw new ParamException(errors);
        }
    }

    private static void enumeration(String name, String value, List<String> values) {
        if (!values.contains(value)) {
            throw new ParamException(Map.of(
                    name,
                    "value '" + value + "' does not have a value in the enumeration '" + String.join(", ", values)
                            + "'"));
        }
    }

    private static int integer(String name, String value, int minimum) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ParamException(Map.of(name, "type check ('integer') failed - got '" + value + "'"));
        }
        if (n < minimum) {
            throw new ParamException(Map.of(name, "value must have a minimum value of " + minimum));
        }
        return n;
    }

    private static int vmid(String name, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ParamException(Map.of(name, "type check ('integer') failed - got '" + value + "'"));
        }
        if (n < 100) {
            throw new ParamException(Map.of(name, "value must have a minimum value of 100"));
        }
        if (n > 999_999_999) {
            throw new ParamException(Map.of(name, "value must have a maximum value of 999999999"));
        }
        return n;
    }

    private static boolean bool(String name, String value) {
        return switch (value) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new ParamException(Map.of(name, "type check ('boolean') failed - got '" + value + "'"));
        };
    }
}
