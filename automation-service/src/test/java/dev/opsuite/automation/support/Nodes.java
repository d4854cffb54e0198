package dev.opsuite.automation.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Real sshd nodes shared by the tests of this JVM (started on first use), and API fixtures for them. */
public final class Nodes {
    private static final List<SshdNode> SHARED = new ArrayList<>();
    private static Long credentialId;

    private Nodes() {}

    public static synchronized List<SshdNode> shared(int count) {
        while (SHARED.size() < count) {
            SHARED.add(SshdNode.start("node" + (SHARED.size() + 1)));
        }
        return List.copyOf(SHARED.subList(0, count));
    }

    /** (Re)creates a cluster of the given nodes, with their fingerprints pinned when {@code pinned}. */
    public static void cluster(String name, List<SshdNode> nodes, boolean pinned, String policy) {
        Api.admin().delete("/api/v1/automation/clusters/" + name);
        List<Map<String, Object>> list = new ArrayList<>();
        for (SshdNode n : nodes) {
            Map<String, Object> node = new HashMap<>();
            node.put("name", n.name);
            node.put("host", "127.0.0.1");
            node.put("port", n.port);
            if (pinned) {
                node.put("host_key_fingerprint", n.fingerprint);
            }
            list.add(node);
        }
        Api.created(Api.admin()
                .body(Map.of("name", name, "host_key_policy", policy, "nodes", list))
                .post("/api/v1/automation/clusters"));
    }

    public static void cluster(String name, List<SshdNode> nodes) {
        cluster(name, nodes, true, "pinned");
    }

    /** A private-key credential for the test nodes (created once per Quarkus app's database). */
    public static synchronized long credential() {
        if (credentialId != null
                && Api.admin()
                                .get("/api/v1/automation/credentials/" + credentialId)
                                .statusCode()
                        == 200) {
            return credentialId;
        }
        Api.admin().delete("/api/v1/automation/credentials/" + credentialId);
        Map<String, Object> body = new HashMap<>();
        body.put("name", "nodes-key-" + System.nanoTime());
        body.put("username", System.getProperty("user.name"));
        body.put("auth_type", "privatekey");
        body.put("private_key", SshdNode.clientKey().privateKey());
        credentialId = Api.created(Api.admin().body(body).post("/api/v1/automation/credentials"))
                .<Integer>path("data.id")
                .longValue();
        return credentialId;
    }

    /** True while a process whose command line contains {@code marker} exists on this machine. */
    public static boolean processRunning(String marker) {
        return ProcessHandle.allProcesses()
                .anyMatch(
                        p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
    }
}
