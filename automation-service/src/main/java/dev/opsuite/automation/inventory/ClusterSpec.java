package dev.opsuite.automation.inventory;

import java.util.List;
import java.util.Map;

/**
 * What a create/update of a cluster asks for. Null fields of an update keep their value; a non-null
 * {@code nodes} replaces the node set (matched by name). An empty kubernetes token keeps the old one.
 */
public record ClusterSpec(
        String name, String description, String hostKeyPolicy, Kubernetes kubernetes, List<NodeSpec> nodes) {

    public record NodeSpec(String name, String host, Integer port, Map<String, String> labels, String fingerprint) {}

    public record Kubernetes(String apiUrl, String token, String caCert) {}
}
