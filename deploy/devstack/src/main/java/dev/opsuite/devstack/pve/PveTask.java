package dev.opsuite.devstack.pve;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A PVE worker task. Its id is a UPID as PVE writes it,
 * {@code UPID:<node>:<pid>:<pstart>:<starttime>:<type>:<id>:<user>:} (hex fields, the user with its
 * realm and token name), so it carries ':', '@' and '!'.
 */
final class PveTask {
    final String upid;
    final String node;
    final int pid;
    final long pstart;
    final long starttime;
    final String type;
    final String id;
    final String user;
    final List<String> log = new ArrayList<>();
    /** null while running; "OK", "WARNINGS: n" or the error text once stopped. */
    String exitstatus;

    long endtime;

    PveTask(String node, int pid, long pstart, long starttime, String type, String id, String user) {
        this.node = node;
        this.pid = pid;
        this.pstart = pstart;
        this.starttime = starttime;
        this.type = type;
        this.id = id;
        this.user = user;
        this.upid = String.format(
                Locale.ROOT, "UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pid, pstart, starttime, type, id, user);
    }

    boolean running() {
        return exitstatus == null;
    }

    /** The row of {@code GET /nodes/{node}/tasks}: running tasks have neither status nor endtime. */
    JsonObject listEntry() {
        JsonObject o = new JsonObject()
                .put("upid", upid)
                .put("node", node)
                .put("pid", pid)
                .put("pstart", pstart)
                .put("starttime", starttime)
                .put("type", type)
                .put("id", id)
                .put("user", user);
        if (!running()) {
            o.put("status", exitstatus).put("endtime", endtime);
        }
        return o;
    }

    /** {@code GET /nodes/{node}/tasks/{upid}/status} */
    JsonObject status() {
        JsonObject o = new JsonObject()
                .put("upid", upid)
                .put("node", node)
                .put("pid", pid)
                .put("pstart", pstart)
                .put("starttime", starttime)
                .put("type", type)
                .put("id", id)
                .put("user", user)
                .put("status", running() ? "running" : "stopped");
        if (!running()) {
            o.put("exitstatus", exitstatus);
        }
        return o;
    }

    /** PVE's classification for the tasks list's statusfilter: ok, warning, error, unknown. */
    String statusClass() {
        if (running()) {
            return "unknown";
        }
        if (exitstatus.equals("OK")) {
            return "ok";
        }
        return exitstatus.startsWith("WARNINGS") ? "warning" : "error";
    }
}
