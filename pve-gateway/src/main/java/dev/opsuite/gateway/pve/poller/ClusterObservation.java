package dev.opsuite.gateway.pve.poller;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the poller last saw of one cluster: each node's online state and each recent task's state
 * (running, or its exit status). The lease holder stores it with every change ({@link
 * ObservationStore}), so a replica taking over continues from it. Only a cluster never observed
 * before starts from a baseline: the first round reports nothing, so old history is not replayed as
 * new.
 */
final class ClusterObservation {
    final Map<String, Boolean> nodesOnline = new HashMap<>();
    /** UPID -> null while running, the exit status once stopped; bounded, oldest first out. */
    final Map<String, String> tasks = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 5000;
        }
    };

    boolean baseline = true;
    long lastInventoryNanos;
    /** The nodes and tasks JSON last stored, to skip writes of an unchanged observation. */
    String stored;
    /** The stored version this one continues (0: none stored yet). */
    long version;

    /** An observation another replica (or this one, earlier) stored: it goes on without a baseline. */
    static ClusterObservation restored(JsonObject nodes, JsonObject tasks, long version) {
        ClusterObservation o = new ClusterObservation();
        for (String node : nodes.fieldNames()) {
            o.nodesOnline.put(node, nodes.getBoolean(node));
        }
        for (String upid : tasks.fieldNames()) {
            o.tasks.put(upid, tasks.getString(upid));
        }
        o.baseline = false;
        o.version = version;
        return o;
    }

    static String nodesJson(ClusterObservation o) {
        return new JsonObject(new LinkedHashMap<>(o.nodesOnline)).encode();
    }

    /**
     * The tasks worth storing: those the nodes listed in this round, and those of nodes that were not
     * polled (offline), which may still change once their node is back. Tasks of polled nodes that
     * fell out of the node's recent-task list can change nothing any more.
     */
    static String tasksJson(ClusterObservation o, Set<String> listed, Set<String> polledNodes) {
        JsonObject json = new JsonObject();
        o.tasks.forEach((upid, exit) -> {
            if (listed.contains(upid) || !polledNodes.contains(nodeOf(upid))) {
                json.put(upid, exit);
            }
        });
        return json.encode();
    }

    /** The node in a UPID ({@code UPID:<node>:…}), or "" when it is not one. */
    static String nodeOf(String upid) {
        String[] parts = upid.split(":", 3);
        return parts.length >= 3 && parts[0].equals("UPID") ? parts[1] : "";
    }
}
