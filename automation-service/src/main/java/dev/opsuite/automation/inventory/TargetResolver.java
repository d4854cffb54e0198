package dev.opsuite.automation.inventory;

import dev.opsuite.automation.domain.Cluster;
import dev.opsuite.automation.domain.Node;
import dev.opsuite.automation.remote.NodeTarget;
import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a request's cluster_name + target_nodes into connectable targets. */
@ApplicationScoped
public class TargetResolver {
    static final int MAX_TARGETS = 1000;

    private final SecretBox secrets;

    public TargetResolver(SecretBox secrets) {
        this.secrets = secrets;
    }

    @WithSession
    public Uni<Targets> resolve(String clusterName, List<String> nodeNames) {
        Names.require("cluster_name", clusterName);
        if (nodeNames == null || nodeNames.isEmpty()) {
            throw ApiException.badRequest("validation_failed", "target_nodes must name at least one node");
        }
        if (nodeNames.size() > MAX_TARGETS) {
            throw ApiException.badRequest(
                    "validation_failed", "target_nodes names more than " + MAX_TARGETS + " nodes");
        }
        Set<String> seen = new HashSet<>();
        for (String n : nodeNames) {
            if (n == null) {
                throw ApiException.badRequest("validation_failed", "target_nodes must not contain null");
            }
            if (!seen.add(n)) {
                throw ApiException.badRequest("validation_failed", "node " + n + " appears twice in target_nodes");
            }
        }
        return Cluster.<Cluster>find("name", clusterName).firstResult().chain(c -> {
            if (c == null) {
                throw ApiException.notFound("集群 " + clusterName + " 不存在");
            }
            return Node.<Node>find("clusterId", c.id).list().map(nodes -> {
                Map<String, Node> byName = new HashMap<>();
                nodes.forEach(n -> byName.put(n.name, n));
                List<NodeTarget> targets = new ArrayList<>();
                List<String> unknown = new ArrayList<>();
                for (String name : nodeNames) {
                    Node n = byName.get(name);
                    if (n == null) {
                        unknown.add(name);
                    } else {
                        targets.add(new NodeTarget(
                                c.name, n.name, n.host, n.port, n.hostKeyFingerprint, n.hostKey, c.tofu()));
                    }
                }
                if (!unknown.isEmpty()) {
                    throw ApiException.unprocessable(
                            "unknown_node", "cluster " + clusterName + " has no node(s) " + unknown);
                }
                Targets.Kubernetes kube = c.kubeApiUrl == null
                        ? null
                        : new Targets.Kubernetes(
                                c.kubeApiUrl,
                                c.kubeTokenEnc == null
                                        ? null
                                        : new String(
                                                secrets.decrypt(c.kubeTokenEnc, "cluster:" + c.name + ":kube_token"),
                                                StandardCharsets.UTF_8),
                                c.kubeCaCert);
                return new Targets(c.name, targets, kube);
            });
        });
    }
}
