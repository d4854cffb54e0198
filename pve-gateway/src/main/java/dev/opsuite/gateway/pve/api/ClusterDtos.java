package dev.opsuite.gateway.pve.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.gateway.pve.cluster.ClusterNode;
import dev.opsuite.gateway.pve.cluster.ClusterSpec;
import dev.opsuite.gateway.pve.cluster.PveCluster;
import java.time.OffsetDateTime;
import java.util.List;

/** Bodies of the cluster registry API (snake_case on the wire). The token secret only ever goes in. */
public final class ClusterDtos {

    private ClusterDtos() {}

    public record NodeRequest(String host, Integer port, String fingerprint) {}

    public record ClusterRequest(
            String name,
            List<NodeRequest> nodes,
            @JsonProperty("token_id") String tokenId,
            @JsonProperty("token_secret") String tokenSecret,
            @JsonProperty("ca_pem") String caPem,
            @JsonProperty("verify_tls") Boolean verifyTls,
            @JsonProperty("default") Boolean isDefault) {

        ClusterSpec toSpec() {
            return new ClusterSpec(
                    name,
                    nodes == null
                            ? null
                            : nodes.stream()
                                    .map(n -> n == null
                                            ? null
                                            : new ClusterSpec.NodeSpec(n.host(), n.port(), n.fingerprint()))
                                    .toList(),
                    tokenId,
                    tokenSecret,
                    caPem,
                    verifyTls,
                    isDefault);
        }
    }

    public record ClusterView(
            long id,
            String name,
            List<ClusterNode> nodes,
            @JsonProperty("token_id") String tokenId,
            @JsonProperty("token_secret_set") boolean tokenSecretSet,
            @JsonProperty("ca_pem") String caPem,
            @JsonProperty("verify_tls") boolean verifyTls,
            @JsonProperty("default") boolean isDefault,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            @JsonProperty("updated_at") OffsetDateTime updatedAt) {

        static ClusterView of(PveCluster c) {
            return new ClusterView(
                    c.id(),
                    c.name(),
                    c.nodes(),
                    c.tokenId(),
                    c.tokenSecretCiphertext() != null,
                    c.caPem(),
                    c.verifyTls(),
                    c.isDefault(),
                    c.createdAt(),
                    c.updatedAt());
        }
    }
}
