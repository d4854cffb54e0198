package dev.opsuite.automation.workflow;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * fabric8's Kubernetes mock server in CRUD mode, plus the Eviction subresource the CRUD dispatcher
 * lacks: an accepted eviction deletes the pod (201), and pods listed in {@link #budgetBlocksOnce} are
 * refused once with 429, as a PodDisruptionBudget would.
 */
final class KubernetesTestServer implements AutoCloseable {
    final Set<String> budgetBlocksOnce = ConcurrentHashMap.newKeySet();
    final Set<String> evictions = ConcurrentHashMap.newKeySet();
    private final KubernetesMockServer server;
    final NamespacedKubernetesClient client;

    KubernetesTestServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher(), false);
        server.init();
        client = server.createClient();
    }

    String url() {
        return client.getConfiguration().getMasterUrl();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    final class Dispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            String path = request.getPath();
            if (path.endsWith("/eviction")) {
                String pod = path.substring(0, path.length() - "/eviction".length());
                String name = pod.substring(pod.lastIndexOf('/') + 1);
                if (budgetBlocksOnce.remove(name)) {
                    return new MockResponse()
                            .setResponseCode(429)
                            .setBody(
                                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"TooManyRequests\","
                                            + "\"message\":\"Cannot evict pod as it would violate the pod's disruption budget.\",\"code\":429}");
                }
                evictions.add(name);
                handleDelete(pod);
                return new MockResponse()
                        .setResponseCode(201)
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\",\"code\":201}");
            }
            return super.handleCreate(request);
        }
    }
}
