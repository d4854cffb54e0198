package dev.opsuite.devstack.pve;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** What the test cluster knows: nodes, guests and tasks. Every method is synchronized (many event loops). */
final class PveState {

    record NodeInfo(String name, int nodeid, String ip) {}

    private final String clusterName;
    private final List<NodeInfo> nodes;
    private final Map<String, Boolean> online = new ConcurrentHashMap<>();
    private final Map<Integer, PveGuest> guests = new TreeMap<>();
    private final List<PveTask> tasks = new ArrayList<>();
    private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final long bootMillis = System.currentTimeMillis();

    PveState(String clusterName, List<String> nodeNames) {
        this.clusterName = clusterName;
        List<NodeInfo> list = new ArrayList<>();
        for (int i = 0; i < nodeNames.size(); i++) {
            list.add(new NodeInfo(nodeNames.get(i), i + 1, "10.10.10." + (11 + i)));
        }
        this.nodes = List.copyOf(list);
        nodeNames.forEach(n -> online.put(n, true));
        seed();
    }

    private void seed() {
        String first = nodes.get(0).name();
        String last = nodes.get(nodes.size() - 1).name();
        PveGuest web = new PveGuest(100, "qemu", first, Map.of("name", "web01", "memory", "4096", "cores", "2"));
        web.status = "running";
        web.startedAt = bootMillis - 3_600_000;
        guests.put(100, web);
        guests.put(101, new PveGuest(101, "lxc", last, Map.of("hostname", "db01", "memory", "1024", "cores", "1")));
        long t = bootMillis / 1000 - 7200;
        PveTask ok = new PveTask(first, 4242, 1000, t, "qmstart", "100", "root@pam");
        ok.exitstatus = "OK";
        ok.endtime = t + 2;
        ok.log.add("TASK OK");
        PveTask failed = new PveTask(last, 4343, 1200, t + 60, "vzstart", "101", "root@pam");
        failed.exitstatus = "startup for container '101' failed";
        failed.endtime = t + 63;
        failed.log.add("run_buffer: 571 Script exited with status 1");
        failed.log.add("TASK ERROR: startup for container '101' failed");
        tasks.add(ok);
        tasks.add(failed);
    }

    String clusterName() {
        return clusterName;
    }

    List<NodeInfo> nodes() {
        return nodes;
    }

    Optional<NodeInfo> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    boolean isOnline(String node) {
        return online.getOrDefault(node, false);
    }

    void setOnline(String node, boolean up) {
        online.put(node, up);
    }

    long uptimeSeconds() {
        return Math.max(1, (System.currentTimeMillis() - bootMillis) / 1000);
    }

    void count(String pathAndQuery) {
        requestCounts.computeIfAbsent(pathAndQuery, k -> new AtomicLong()).incrementAndGet();
    }

    long requests(String pathAndQuery) {
        AtomicLong n = requestCounts.get(pathAndQuery);
        return n == null ? 0 : n.get();
    }

    Map<String, Long> requestCounts() {
        Map<String, Long> copy = new TreeMap<>();
        requestCounts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    void resetCounts() {
        requestCounts.clear();
    }

    synchronized Optional<PveGuest> guest(int vmid) {
        return Optional.ofNullable(guests.get(vmid));
    }

    synchronized List<PveGuest> guests(Predicate<PveGuest> filter) {
        return guests.values().stream().filter(filter).toList();
    }

    /** PVE's nextid: the lowest unused id from 100 on; nothing is reserved. */
    synchronized int nextFreeId() {
        int id = 100;
        while (guests.containsKey(id)) {
            id++;
        }
        return id;
    }

    synchronized boolean vmidUsed(int vmid) {
        return guests.containsKey(vmid);
    }

    /** Creates the guest locked for its create task; empty when the id is taken (PVE checks this before forking). */
    synchronized Optional<PveGuest> createGuest(int vmid, String type, String node, Map<String, String> config) {
        if (guests.containsKey(vmid)) {
            return Optional.empty();
        }
        PveGuest g = new PveGuest(vmid, type, node, config);
        g.lock = "create";
        guests.put(vmid, g);
        return Optional.of(g);
    }

    synchronized void removeGuest(int vmid) {
        guests.remove(vmid);
    }

    /** Takes the guest's config lock when it is free. */
    synchronized boolean tryLock(PveGuest g, String what) {
        if (g.lock != null) {
            return false;
        }
        g.lock = what;
        return true;
    }

    synchronized void unlock(PveGuest g) {
        g.lock = null;
    }

    synchronized PveTask startTask(String node, String type, String id, String user) {
        PveTask task = new PveTask(
                node,
                10000 + random.nextInt(900000),
                random.nextInt(Integer.MAX_VALUE),
                System.currentTimeMillis() / 1000,
                type,
                id,
                user);
        tasks.add(task);
        return task;
    }

    synchronized void finishTask(PveTask task, String exitstatus) {
        task.exitstatus = exitstatus;
        task.endtime = System.currentTimeMillis() / 1000;
        task.log.add(exitstatus.equals("OK") ? "TASK OK" : "TASK ERROR: " + exitstatus);
    }

    synchronized Optional<PveTask> task(String upid) {
        return tasks.stream().filter(t -> t.upid.equals(upid)).findFirst();
    }

    /** Newest first, as PVE lists them. */
    synchronized List<PveTask> tasks(Predicate<PveTask> filter) {
        return tasks.stream()
                .filter(filter)
                .sorted(Comparator.comparingLong((PveTask t) -> t.starttime).reversed())
                .toList();
    }

    synchronized JsonArray taskLog(PveTask task, int start, int limit) {
        JsonArray lines = new JsonArray();
        for (int i = start; i < Math.min(task.log.size(), start + limit); i++) {
            lines.add(new JsonObject().put("n", i + 1).put("t", task.log.get(i)));
        }
        return lines;
    }

    synchronized int taskLogSize(PveTask task) {
        return task.log.size();
    }

    synchronized void appendLog(PveTask task, String line) {
        task.log.add(line);
    }
}
