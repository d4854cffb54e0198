package dev.opsuite.gateway.pve.cluster;

import java.util.List;

/**
 * What an admin asks to store for a cluster, before validation.
 *
 * @param tokenSecret plaintext; null on an update keeps the stored one
 */
public record ClusterSpec(
        String name,
        List<NodeSpec> nodes,
        String tokenId,
        String tokenSecret,
        String caPem,
        Boolean verifyTls,
        Boolean isDefault) {

    public record NodeSpec(String host, Integer port, String fingerprint) {}
}
