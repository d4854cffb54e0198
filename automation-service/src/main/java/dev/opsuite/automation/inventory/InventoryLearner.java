package dev.opsuite.automation.inventory;

import dev.opsuite.automation.domain.Cluster;
import dev.opsuite.automation.domain.HostKeyPolicy;
import dev.opsuite.automation.domain.Node;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a PVE node inventory to the clusters: unknown clusters and nodes are created (source pve,
 * host keys still pinned by default); nodes the PVE inventory created follow its address; nodes an
 * admin defined keep theirs and only get the online flag. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class InventoryLearner {
    public record SeenNode(String name, String ip, boolean online) {}

    public Uni<Void> learn(String clusterName, List<SeenNode> seen) {
        return Cluster.<Cluster>find("name", clusterName)
                .firstResult()
                .chain(existing -> existing != null ? Uni.createFrom().item(existing) : newCluster(clusterName))
                .chain(cluster ->
                        Node.<Node>find("clusterId", cluster.id).list().chain(nodes -> apply(cluster, nodes, seen)));
    }

    private Uni<Cluster> newCluster(String name) {
        Cluster c = new Cluster();
        c.name = name;
        c.hostKeyPolicy = HostKeyPolicy.PINNED.wire();
        c.source = "pve";
        c.createdAt = OffsetDateTime.now();
        c.updatedAt = c.createdAt;
        return c.persist();
    }

    private Uni<Void> apply(Cluster cluster, List<Node> nodes, List<SeenNode> seen) {
        Map<String, Node> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.name, n));
        OffsetDateTime now = OffsetDateTime.now();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SeenNode s : seen) {
            Node n = byName.get(s.name());
            if (n == null) {
                Node created = new Node();
                created.clusterId = cluster.id;
                created.name = s.name();
                created.host = s.ip();
                created.port = 22;
                created.labels = Map.of();
                created.source = "pve";
                created.online = s.online();
                created.createdAt = now;
                created.updatedAt = now;
                chain = chain.chain(() -> created.persist()).replaceWithVoid();
                continue;
            }
            if ("pve".equals(n.source) && !n.host.equals(s.ip())) {
                n.host = s.ip();
                n.hostKey = null;
            }
            n.online = s.online();
            n.updatedAt = now;
        }
        return chain;
    }
}
