package dev.opsuite.automation.workflow;

import dev.opsuite.automation.inventory.Targets;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Node actions through the Kubernetes API (fabric8): cordon and uncordon set {@code spec.unschedulable};
 * drain cordons, evicts every pod on the node except DaemonSet-managed and mirror pods (retrying while a
 * PodDisruptionBudget refuses) and waits until they are gone; wait_ready waits for the Ready condition.
 */
final class K8sActions {
    private K8sActions() {}

    static KubernetesClient client(Targets.Kubernetes kube) {
        ConfigBuilder b = new ConfigBuilder(Config.empty())
                .withMasterUrl(kube.apiUrl())
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000);
        if (kube.token() != null) {
            b.withOauthToken(kube.token());
        }
        if (kube.caCert() != null) {
            b.withCaCertData(Base64.getEncoder().encodeToString(kube.caCert().getBytes(StandardCharsets.UTF_8)));
        }
        return new KubernetesClientBuilder().withConfig(b.build()).build();
    }

    /** @return a short result text; throws {@link StepFailure} when the action cannot be done */
    static String run(
            KubernetesClient client, String action, String node, long deadlineNanos, BooleanSupplier cancelled)
            throws StepFailure, InterruptedException {
        try {
            Node n = client.nodes().withName(node).get();
            if (n == null) {
                throw new StepFailure("kubernetes has no node " + node);
            }
            return switch (action) {
                case "cordon" -> {
                    schedulable(client, node, false);
                    yield node + " cordoned";
                }
                case "uncordon" -> {
                    schedulable(client, node, true);
                    yield node + " uncordoned";
                }
                case "drain" -> drain(client, node, deadlineNanos, cancelled);
                case "wait_ready" -> waitReady(client, node, deadlineNanos, cancelled);
                default -> throw new StepFailure("unknown k8s action " + action);
            };
        } catch (KubernetesClientException e) {
            throw new StepFailure("kubernetes API: "
                    + (e.getStatus() != null && e.getStatus().getMessage() != null
                            ? e.getStatus().getMessage()
                            : e.getMessage()));
        }
    }

    private static void schedulable(KubernetesClient client, String node, boolean schedulable) {
        client.nodes()
                .withName(node)
                .edit(n -> new NodeBuilder(n)
                        .editOrNewSpec()
                        .withUnschedulable(schedulable ? null : true)
                        .endSpec()
                        .build());
    }

    private static String drain(KubernetesClient client, String node, long deadline, BooleanSupplier cancelled)
            throws StepFailure, InterruptedException {
        schedulable(client, node, false);
        List<Pod> pods = evictable(client, node);
        int evicted = 0;
        while (!pods.isEmpty()) {
            if (cancelled.getAsBoolean()) {
                throw new StepFailure("cancelled while draining " + node);
            }
            if (System.nanoTime() > deadline) {
                throw new StepFailure("drain of " + node + " timed out with " + pods.size() + " pod(s) left: "
                        + pods.stream()
                                .map(p -> p.getMetadata().getNamespace() + "/"
                                        + p.getMetadata().getName())
                                .toList());
            }
            for (Pod p : pods) {
                boolean accepted = client.pods()
                        .inNamespace(p.getMetadata().getNamespace())
                        .withName(p.getMetadata().getName())
                        .evict();
                if (accepted) {
                    evicted++;
                }
            }
            Thread.sleep(500);
            pods = evictable(client, node);
        }
        return node + " drained (" + evicted + " eviction(s))";
    }

    /** Pods bound to the node, filtered here rather than by a field selector so any API server (and test server) agrees. */
    private static List<Pod> evictable(KubernetesClient client, String node) {
        return client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getMetadata().getAnnotations() == null
                        || !p.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror"))
                .filter(p -> p.getMetadata().getOwnerReferences() == null
                        || p.getMetadata().getOwnerReferences().stream()
                                .map(OwnerReference::getKind)
                                .noneMatch("DaemonSet"::equals))
                .toList();
    }

    private static String waitReady(KubernetesClient client, String node, long deadline, BooleanSupplier cancelled)
            throws StepFailure, InterruptedException {
        while (true) {
            Node n = client.nodes().withName(node).get();
            boolean ready = n != null
                    && n.getStatus() != null
                    && n.getStatus().getConditions() != null
                    && n.getStatus().getConditions().stream().anyMatch(K8sActions::isReady);
            if (ready) {
                return node + " is Ready";
            }
            if (cancelled.getAsBoolean()) {
                throw new StepFailure("cancelled while waiting for " + node);
            }
            if (System.nanoTime() > deadline) {
                throw new StepFailure("node " + node + " did not become Ready in time");
            }
            Thread.sleep(1000);
        }
    }

    private static boolean isReady(NodeCondition c) {
        return "Ready".equals(c.getType()) && "True".equals(c.getStatus());
    }
}
