package dev.opsuite.automation.inventory;

import dev.opsuite.automation.domain.Cluster;
import dev.opsuite.automation.domain.Node;
import dev.opsuite.automation.remote.HostKeyRecorder;
import dev.opsuite.automation.remote.NodeTarget;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * Records host keys seen by verified connections (called from SSH threads, so it reaches Panache
 * through {@link VertxContextSupport#subscribeAndAwait}). A TOFU pin is only written while the node
 * still has none: two first connections racing cannot pin two different keys.
 */
@ApplicationScoped
public class NodeHostKeys implements HostKeyRecorder {
    private static final Logger LOG = Logger.getLogger(NodeHostKeys.class);

    @Override
    public void record(NodeTarget node, String fingerprint, String publicKey, boolean pin) {
        if (!pin && publicKey.equals(node.hostKey())) {
            return;
        }
        try {
            int changed = VertxContextSupport.subscribeAndAwait(() ->
                    Panache.withTransaction(() -> Cluster.<Cluster>find("name", node.cluster())
                            .firstResult()
                            .chain(c -> c == null
                                    ? Uni.createFrom().item(0)
                                    : pin
                                            ? Node.update(
                                                    "hostKeyFingerprint = ?1, hostKey = ?2, updatedAt = ?3 where clusterId = ?4 and name = ?5 "
                                                            + "and hostKeyFingerprint is null",
                                                    fingerprint,
                                                    publicKey,
                                                    OffsetDateTime.now(),
                                                    c.id,
                                                    node.name())
                                            : Node.update(
                                                    "hostKey = ?1 where clusterId = ?2 and name = ?3 and hostKeyFingerprint = ?4",
                                                    publicKey,
                                                    c.id,
                                                    node.name(),
                                                    fingerprint))));
            if (pin && changed == 1) {
                LOG.infof(
                        "pinned host key %s for node %s of cluster %s (trust on first use)",
                        fingerprint, node.name(), node.cluster());
            }
        } catch (Throwable e) {
            LOG.warnf("could not record the host key of node %s: %s", node.name(), e.getMessage());
        }
    }
}
