package dev.opsuite.gateway.pve.cluster;

import java.util.List;

/**
 * Validated values to store for a cluster.
 *
 * @param tokenSecretCiphertext null on an update that keeps the stored secret
 */
public record ClusterValues(
        String name,
        List<ClusterNode> nodes,
        String tokenId,
        String tokenSecretCiphertext,
        String caPem,
        boolean verifyTls,
        boolean isDefault) {}
