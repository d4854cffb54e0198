package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.automation.domain.Cluster;
import dev.opsuite.automation.domain.Credential;
import dev.opsuite.automation.domain.Node;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Requests and views of clusters, nodes and credentials. Views never carry a secret. */
public final class InventoryDtos {
    private InventoryDtos() {}

    public record NodeRequest(
            String name,
            String host,
            Integer port,
            Map<String, String> labels,
            @JsonProperty("host_key_fingerprint") String hostKeyFingerprint) {}

    public record KubernetesRequest(
            @JsonProperty("api_url") String apiUrl,
            String token,
            @JsonProperty("ca_cert") String caCert) {}

    public record ClusterRequest(
            String name,
            String description,
            @JsonProperty("host_key_policy") String hostKeyPolicy,
            KubernetesRequest kubernetes,
            List<NodeRequest> nodes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeView(
            String name,
            String host,
            int port,
            Map<String, String> labels,
            @JsonProperty("host_key_fingerprint") String hostKeyFingerprint,
            String source,
            Boolean online) {
        public static NodeView of(Node n) {
            return new NodeView(
                    n.name,
                    n.host,
                    n.port,
                    n.labels == null ? Map.of() : n.labels,
                    n.hostKeyFingerprint,
                    n.source,
                    n.online);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KubernetesView(
            @JsonProperty("api_url") String apiUrl,
            @JsonProperty("has_token") boolean hasToken,
            @JsonProperty("has_ca_cert") boolean hasCaCert) {}

    public record ClusterView(
            long id,
            String name,
            String description,
            @JsonProperty("host_key_policy") String hostKeyPolicy,
            String source,
            KubernetesView kubernetes,
            List<NodeView> nodes,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            @JsonProperty("updated_at") OffsetDateTime updatedAt) {
        public static ClusterView of(Cluster c, List<Node> nodes) {
            KubernetesView kube = c.kubeApiUrl == null
                    ? null
                    : new KubernetesView(c.kubeApiUrl, c.kubeTokenEnc != null, c.kubeCaCert != null);
            return new ClusterView(
                    c.id,
                    c.name,
                    c.description,
                    c.hostKeyPolicy,
                    c.source,
                    kube,
                    nodes.stream().map(NodeView::of).toList(),
                    c.createdAt,
                    c.updatedAt);
        }
    }

    public record ClusterList(long total, List<ClusterView> clusters) {}

    public record BecomeRequest(String method, String user, String password) {}

    public record CredentialRequest(
            String name,
            String username,
            @JsonProperty("auth_type") String authType,
            String password,
            @JsonProperty("private_key") String privateKey,
            String passphrase,
            @JsonProperty("cluster_name") String clusterName,
            @JsonProperty("node_pattern") String nodePattern,
            @JsonProperty("is_default") Boolean isDefault,
            BecomeRequest become) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BecomeView(
            String method,
            String user,
            @JsonProperty("has_password") boolean hasPassword) {}

    public record CredentialView(
            long id,
            String name,
            String username,
            @JsonProperty("auth_type") String authType,
            @JsonProperty("has_password") boolean hasPassword,
            @JsonProperty("has_private_key") boolean hasPrivateKey,
            @JsonProperty("has_passphrase") boolean hasPassphrase,
            @JsonProperty("cluster_name") String clusterName,
            @JsonProperty("node_pattern") String nodePattern,
            @JsonProperty("is_default") boolean isDefault,
            BecomeView become,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            @JsonProperty("updated_at") OffsetDateTime updatedAt) {
        public static CredentialView of(Credential c) {
            BecomeView become = c.becomeMethod == null
                    ? null
                    : new BecomeView(c.becomeMethod, c.becomeUser, c.becomePasswordEnc != null);
            return new CredentialView(
                    c.id,
                    c.name,
                    c.username,
                    c.authType,
                    c.passwordEnc != null,
                    c.privateKeyEnc != null,
                    c.passphraseEnc != null,
                    c.clusterName,
                    c.nodePattern,
                    c.isDefault,
                    become,
                    c.createdAt,
                    c.updatedAt);
        }
    }

    public record CredentialList(long total, List<CredentialView> credentials) {}
}
