package dev.opsuite.automation.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code ansible.posix.jsonl} callback's lines: turns them into the familiar text output
 * (PLAY/TASK/ok/changed/failed lines), counts started tasks for progress, remembers each host's last
 * failure message and, at the end, the per-host stats.
 */
final class JsonlEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    record HostStats(int ok, int changed, int failures, int unreachable, int skipped, int rescued, int ignored) {
        boolean failed() {
            return failures > 0 || unreachable > 0;
        }

        String summary() {
            return "ok=" + ok + " changed=" + changed + " unreachable=" + unreachable + " failed=" + failures
                    + " skipped=" + skipped + " rescued=" + rescued + " ignored=" + ignored;
        }
    }

    private int tasksStarted;
    private String currentTask;
    private final Map<String, String> lastFailure = new LinkedHashMap<>();
    private Map<String, HostStats> stats;

    /** @return the human-readable lines for this event (may be empty), never null */
    String accept(String line) {
        JsonNode e;
        try {
            e = JSON.readTree(line);
        } catch (Exception notJson) {
            return line + "\n";
        }
        if (e == null || !e.has("_event")) {
            return line + "\n";
        }
        String event = e.get("_event").asText();
        switch (event) {
            case "v2_playbook_on_play_start" -> {
                return "\nPLAY [" + e.path("play").path("name").asText() + "] ***\n";
            }
            case "v2_playbook_on_task_start", "v2_runner_on_start", "v2_playbook_on_handler_task_start" -> {
                String name = e.path("task").path("name").asText();
                if (!name.equals(currentTask) || event.equals("v2_playbook_on_task_start")) {
                    currentTask = name;
                    tasksStarted++;
                    return "\nTASK [" + name + "] ***\n";
                }
                return "";
            }
            case "v2_runner_on_ok", "v2_runner_on_failed", "v2_runner_on_unreachable", "v2_runner_on_skipped" -> {
                StringBuilder out = new StringBuilder();
                Iterator<Map.Entry<String, JsonNode>> hosts = e.path("hosts").fields();
                while (hosts.hasNext()) {
                    Map.Entry<String, JsonNode> h = hosts.next();
                    JsonNode r = h.getValue();
                    String status = switch (event) {
                        case "v2_runner_on_failed" ->
                            r.path("ignore_errors").asBoolean(false) ? "failed (ignored)" : "fatal";
                        case "v2_runner_on_unreachable" -> "unreachable";
                        case "v2_runner_on_skipped" -> "skipping";
                        default -> r.path("changed").asBoolean(false) ? "changed" : "ok";
                    };
                    out.append(status).append(": [").append(h.getKey()).append(']');
                    if (event.equals("v2_runner_on_failed") || event.equals("v2_runner_on_unreachable")) {
                        String msg = r.path("msg").asText("");
                        if (msg.isEmpty()) {
                            msg = r.path("stderr").asText("");
                        }
                        lastFailure.put(h.getKey(), currentTask + ": " + msg);
                        out.append(" => ").append(msg);
                    } else if (r.has("msg")
                            && r.get("msg").isTextual()
                            && !r.get("msg").asText().isEmpty()) {
                        out.append(" => ").append(r.get("msg").asText());
                    }
                    out.append('\n');
                }
                return out.toString();
            }
            case "v2_playbook_on_stats" -> {
                stats = new LinkedHashMap<>();
                StringBuilder out = new StringBuilder("\nPLAY RECAP ***\n");
                Iterator<Map.Entry<String, JsonNode>> hosts = e.path("stats").fields();
                while (hosts.hasNext()) {
                    Map.Entry<String, JsonNode> h = hosts.next();
                    JsonNode s = h.getValue();
                    HostStats hs = new HostStats(
                            s.path("ok").asInt(),
                            s.path("changed").asInt(),
                            s.path("failures").asInt(),
                            s.path("unreachable").asInt(),
                            s.path("skipped").asInt(),
                            s.path("rescued").asInt(),
                            s.path("ignored").asInt());
                    stats.put(h.getKey(), hs);
                    out.append(h.getKey()).append(" : ").append(hs.summary()).append('\n');
                }
                return out.toString();
            }
            default -> {
                return "";
            }
        }
    }

    int tasksStarted() {
        return tasksStarted;
    }

    String currentTask() {
        return currentTask;
    }

    Map<String, HostStats> stats() {
        return stats;
    }

    String lastFailure(String host) {
        return lastFailure.get(host);
    }
}
