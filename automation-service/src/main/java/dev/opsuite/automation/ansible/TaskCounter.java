package dev.opsuite.automation.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Counts the tasks of a playbook (pre_tasks, tasks, post_tasks, blocks expanded) to turn the stream
 * of started tasks into a percentage. Roles and includes count as one each: the estimate only ever
 * under-counts, and progress is capped below 100 until the run ends.
 */
final class TaskCounter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TaskCounter() {}

    static int count(String playbook) {
        try {
            JsonNode plays = YAML.readTree(playbook);
            if (plays == null || !plays.isArray()) {
                return 0;
            }
            int total = 0;
            for (JsonNode play : plays) {
                total += 1; // fact gathering
                for (String section : new String[] {"pre_tasks", "tasks", "post_tasks"}) {
                    total += tasks(play.get(section));
                }
                JsonNode roles = play.get("roles");
                if (roles != null && roles.isArray()) {
                    total += roles.size();
                }
            }
            return total;
        } catch (Exception e) {
            return 0;
        }
    }

    private static int tasks(JsonNode list) {
        if (list == null || !list.isArray()) {
            return 0;
        }
        int n = 0;
        for (JsonNode t : list) {
            if (t.has("block")) {
                n += tasks(t.get("block")) + tasks(t.get("rescue")) + tasks(t.get("always"));
            } else {
                n++;
            }
        }
        return n;
    }
}
