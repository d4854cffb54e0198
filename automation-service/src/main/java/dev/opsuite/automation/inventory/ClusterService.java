package dev.opsuite.automation.inventory;

import dev.opsuite.automation.audit.AuditLog;
import dev.opsuite.automation.domain.Cluster;
import dev.opsuite.automation.domain.HostKeyPolicy;
import dev.opsuite.automation.domain.Node;
import dev.opsuite.automation.remote.Fingerprints;
import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Clusters and their nodes (Hibernate Reactive Panache). */
@ApplicationScoped
public class ClusterService {
    public record ClusterWithNodes(Cluster cluster, List<Node> nodes) {}

    public record ClusterPage(long total, List<ClusterWithNodes> clusters) {}

    private final SecretBox secrets;

    private final AuditLog audit;

    public ClusterService(SecretBox secrets, AuditLog audit) {
        this.secrets = secrets;
        this.audit = audit;
    }

    @WithSession
    public Uni<ClusterPage> list(int offset, int limit) {
        return Cluster.count()
                .chain(total -> Cluster.<Cluster>findAll(Sort.by("name"))
                        .page(Page.of(offset / limit, limit))
                        .list()
                        .chain(clusters -> withNodes(clusters).map(list -> new ClusterPage(total, list))));
    }

    @WithSession
    public Uni<ClusterWithNodes> get(String name) {
        return find(name).chain(c -> nodes(c.id).map(n -> new ClusterWithNodes(c, n)));
    }

    @WithTransaction
    public Uni<ClusterWithNodes> create(ClusterSpec spec) {
        Names.require("name", spec.name());
        List<Node> nodes = validateNodes(spec.nodes());
        return Cluster.<Cluster>find("name", spec.name()).firstResult().chain(existing -> {
            if (existing != null) {
                throw ApiException.conflict("cluster " + spec.name() + " already exists");
            }
            Cluster c = new Cluster();
            c.name = spec.name();
            c.description = spec.description();
            c.hostKeyPolicy = policy(spec.hostKeyPolicy(), HostKeyPolicy.PINNED.wire());
            c.source = "api";
            c.createdAt = OffsetDateTime.now();
            c.updatedAt = c.createdAt;
            applyKubernetes(c, spec.kubernetes());
            return c.<Cluster>persist()
                    .chain(saved -> persistNodes(saved, nodes))
                    .call(r -> audit.record("create", "cluster", r.cluster().name, null, view(r), null));
        });
    }

    @WithTransaction
    public Uni<ClusterWithNodes> update(String name, ClusterSpec spec) {
        List<Node> wanted = spec.nodes() == null ? null : validateNodes(spec.nodes());
        return find(name).chain(c -> nodes(c.id).chain(old -> update(c, old, spec, wanted, name)));
    }

    private Uni<ClusterWithNodes> update(Cluster c, List<Node> old, ClusterSpec spec, List<Node> wanted, String name) {
        Map<String, Object> before = view(new ClusterWithNodes(c, old));
        return Uni.createFrom().item(c).chain(x -> {
            if (spec.name() != null && !spec.name().equals(name)) {
                throw ApiException.badRequest("validation_failed", "name cannot be changed (it is the cluster's key)");
            }
            if (spec.description() != null) {
                c.description = spec.description();
            }
            if (spec.hostKeyPolicy() != null) {
                c.hostKeyPolicy = policy(spec.hostKeyPolicy(), c.hostKeyPolicy);
            }
            applyKubernetes(c, spec.kubernetes());
            c.updatedAt = OffsetDateTime.now();
            if (wanted == null) {
                return nodes(c.id)
                        .map(n -> new ClusterWithNodes(c, n))
                        .call(r -> audit.record("update", "cluster", name, before, view(r), null));
            }
            return replaceNodes(c, old, wanted)
                    .call(r -> audit.record("update", "cluster", name, before, view(r), null));
        });
    }

    @WithTransaction
    public Uni<Void> delete(String name) {
        return find(name)
                .chain(c -> nodes(c.id)
                        .chain(old ->
                                audit.record("delete", "cluster", name, view(new ClusterWithNodes(c, old)), null, null))
                        .chain(() -> Node.delete("clusterId", c.id))
                        .chain(() -> c.delete()));
    }

    private static Map<String, Object> view(ClusterWithNodes c) {
        Map<String, Object> v = AuditLog.snapshot(c.cluster());
        v.put("nodes", c.nodes().stream().map(AuditLog::snapshot).toList());
        return v;
    }

    Uni<Cluster> find(String name) {
        return Cluster.<Cluster>find("name", name).firstResult().map(c -> {
            if (c == null) {
                throw ApiException.notFound("集群 " + name + " 不存在");
            }
            return c;
        });
    }

    Uni<List<Node>> nodes(long clusterId) {
        return Node.<Node>find("clusterId", Sort.by("name"), clusterId).list();
    }

    private Uni<List<ClusterWithNodes>> withNodes(List<Cluster> clusters) {
        if (clusters.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Long> ids = clusters.stream().map(c -> c.id).toList();
        return Node.<Node>find("clusterId in ?1", Sort.by("name"), ids).list().map(all -> {
            Map<Long, List<Node>> byCluster = new HashMap<>();
            all.forEach(n -> byCluster
                    .computeIfAbsent(n.clusterId, k -> new ArrayList<>())
                    .add(n));
            return clusters.stream()
                    .map(c -> new ClusterWithNodes(c, byCluster.getOrDefault(c.id, List.of())))
                    .toList();
        });
    }

    private Uni<ClusterWithNodes> persistNodes(Cluster c, List<Node> nodes) {
        OffsetDateTime now = OffsetDateTime.now();
        nodes.forEach(n -> {
            n.clusterId = c.id;
            n.source = "api";
            n.createdAt = now;
            n.updatedAt = now;
        });
        if (nodes.isEmpty()) {
            return Panache.flush().map(v -> new ClusterWithNodes(c, nodes));
        }
        return Node.persist(nodes).chain(() -> Panache.flush()).map(v -> new ClusterWithNodes(c, nodes));
    }

    private Uni<ClusterWithNodes> replaceNodes(Cluster c, List<Node> current, List<Node> wanted) {
        Map<String, Node> byName = new HashMap<>();
        current.forEach(n -> byName.put(n.name, n));
        Set<String> keep = new HashSet<>();
        List<Node> result = new ArrayList<>();
        List<Node> added = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (Node w : wanted) {
            keep.add(w.name);
            Node existing = byName.get(w.name);
            if (existing == null) {
                added.add(w);
                result.add(w);
                continue;
            }
            if (!existing.host.equals(w.host) || existing.port != w.port) {
                // another address may be another machine: its recorded key no longer applies
                existing.hostKey = null;
                if (w.hostKeyFingerprint == null) {
                    existing.hostKeyFingerprint = null;
                }
            }
            existing.host = w.host;
            existing.port = w.port;
            existing.labels = w.labels;
            if (w.hostKeyFingerprint != null && !w.hostKeyFingerprint.equals(existing.hostKeyFingerprint)) {
                existing.hostKeyFingerprint = w.hostKeyFingerprint;
                existing.hostKey = null;
            }
            existing.source = "api";
            existing.updatedAt = now;
            result.add(existing);
        }
        List<Long> removed = current.stream()
                .filter(n -> !keep.contains(n.name))
                .map(n -> n.id)
                .toList();
        Uni<Long> deletion = removed.isEmpty() ? Uni.createFrom().item(0L) : Node.delete("id in ?1", removed);
        return deletion.chain(() -> persistNodes(c, added))
                .map(v -> new ClusterWithNodes(
                        c,
                        result.stream()
                                .sorted((a, b) -> a.name.compareTo(b.name))
                                .toList()));
    }

    private static List<Node> validateNodes(List<ClusterSpec.NodeSpec> specs) {
        if (specs == null) {
            return new ArrayList<>();
        }
        Set<String> names = new HashSet<>();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ClusterSpec.NodeSpec s = specs.get(i);
            if (s == null) {
                throw ApiException.badRequest("validation_failed", "nodes[" + i + "] must be an object");
            }
            Node n = new Node();
            n.name = Names.require("nodes[" + i + "].name", s.name());
            if (!names.add(n.name)) {
                throw ApiException.badRequest("validation_failed", "node " + n.name + " appears twice");
            }
            n.host = Names.host("nodes[" + i + "].host", s.host());
            n.port = s.port() == null ? 22 : s.port();
            if (n.port < 1 || n.port > 65535) {
                throw ApiException.badRequest("validation_failed", "nodes[" + i + "].port must be 1-65535");
            }
            n.labels = s.labels() == null ? Map.of() : s.labels();
            if (s.fingerprint() != null && !Fingerprints.isValid(s.fingerprint())) {
                throw ApiException.badRequest(
                        "validation_failed",
                        "nodes[" + i + "].host_key_fingerprint must look like ssh-keygen -l -E sha256 prints it: "
                                + "SHA256:<43 base64 characters>");
            }
            n.hostKeyFingerprint = s.fingerprint();
            nodes.add(n);
        }
        return nodes;
    }

    private static String policy(String wire, String fallback) {
        if (wire == null) {
            return fallback;
        }
        return HostKeyPolicy.of(wire)
                .orElseThrow(
                        () -> ApiException.badRequest("validation_failed", "host_key_policy must be pinned or tofu"))
                .wire();
    }

    private void applyKubernetes(Cluster c, ClusterSpec.Kubernetes k) {
        if (k == null) {
            return;
        }
        if (k.apiUrl() == null || k.apiUrl().isBlank()) {
            c.kubeApiUrl = null;
            c.kubeTokenEnc = null;
            c.kubeCaCert = null;
            return;
        }
        URI uri;
        try {
            uri = URI.create(k.apiUrl());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("validation_failed", "kubernetes.api_url is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw ApiException.badRequest("validation_failed", "kubernetes.api_url must be an http(s) URL");
        }
        c.kubeApiUrl = k.apiUrl();
        if (k.token() != null && !k.token().isEmpty()) {
            c.kubeTokenEnc =
                    secrets.encrypt(k.token().getBytes(StandardCharsets.UTF_8), "cluster:" + c.name + ":kube_token");
        }
        if (k.caCert() != null) {
            c.kubeCaCert = k.caCert().isEmpty() ? null : k.caCert();
        }
    }
}
