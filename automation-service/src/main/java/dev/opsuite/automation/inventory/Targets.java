package dev.opsuite.automation.inventory;

import dev.opsuite.automation.remote.NodeTarget;
import java.util.List;

/** The resolved nodes of a run, in the order the request named them, plus the cluster's k8s access. */
public record Targets(String cluster, List<NodeTarget> nodes, Kubernetes kubernetes) {
    /** Kubernetes API of the cluster, token decrypted; null when the cluster has none. */
    public record Kubernetes(String apiUrl, String token, String caCert) {
        @Override
        public String toString() {
            return "Kubernetes[" + apiUrl + "]";
        }
    }

    public List<String> names() {
        return nodes.stream().map(NodeTarget::name).toList();
    }

    public List<String> hosts() {
        return nodes.stream().map(NodeTarget::host).toList();
    }
}
