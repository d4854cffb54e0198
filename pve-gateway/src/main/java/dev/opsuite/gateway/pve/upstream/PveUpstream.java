package dev.opsuite.gateway.pve.upstream;

import dev.opsuite.gateway.pve.PveConfig;
import dev.opsuite.gateway.pve.cluster.ClusterNode;
import dev.opsuite.gateway.pve.cluster.ClusterRegistry.Target;
import dev.opsuite.gateway.pve.cluster.PveCluster;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Calls PVE for the facade: one pooled HTTP/1.1 client per node (at most {@code max-per-node}
 * connections, further requests queue; idle connections closed before pveproxy's 5 s), the
 * cluster's own API token, TLS verified by pinned fingerprint, CA or the system trust store. Fails
 * over to the next node in configured order only when a node cannot be connected to (refused,
 * connect timeout, TLS verification failure) — never on an answer, whatever its status.
 */
@ApplicationScoped
public class PveUpstream {
    private static final Logger LOG = Logger.getLogger(PveUpstream.class);

    private final Vertx vertx;
    private final PveConfig.Upstream config;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Long> downUntil = new ConcurrentHashMap<>();

    public PveUpstream(Vertx vertx, PveConfig config) {
        this.vertx = vertx;
        this.config = config.upstream();
    }

    /**
     * @param pathAndQuery the raw path below the host, e.g. {@code /api2/json/nodes?x=1}, sent as is
     * @param contentType  of {@code body}; null without a body
     */
    public Uni<UpstreamReply> call(
            Target target, HttpMethod method, String pathAndQuery, Buffer body, String contentType) {
        List<Integer> order = order(target.cluster());
        return Uni.createFrom()
                .completionStage(() -> attempt(
                                target, order, 0, false, method, pathAndQuery, body, contentType, new ArrayList<>())
                        .toCompletionStage());
    }

    private Future<UpstreamReply> attempt(
            Target target,
            List<Integer> order,
            int index,
            boolean staleRetried,
            HttpMethod method,
            String pathAndQuery,
            Buffer body,
            String contentType,
            List<String> failures) {
        if (index >= order.size()) {
            return Future.failedFuture(new UpstreamFailure(
                    502,
                    "No node of PVE cluster '" + target.cluster().name() + "' could be reached: "
                            + String.join("; ", failures)));
        }
        int nodeIndex = order.get(index);
        ClusterNode node = target.cluster().nodes().get(nodeIndex);
        HttpClient client = client(target.cluster(), nodeIndex);
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(node.host())
                .setPort(node.port())
                .setURI(pathAndQuery)
                .setIdleTimeout(config.readTimeout().toMillis())
                .putHeader("Authorization", target.authorization())
                .putHeader("Accept", "application/json");
        if (contentType != null) {
            options.putHeader("Content-Type", contentType);
        }
        String key = nodeKey(target.cluster(), nodeIndex);
        return client.request(options)
                .recover(connectFailure -> {
                    // could not connect (or TLS refused the node): the next node may serve
                    downUntil.put(
                            key,
                            System.currentTimeMillis() + config.nodeDownFor().toMillis());
                    String why = describe(connectFailure);
                    LOG.warnf(
                            "PVE node %s of cluster %s unreachable: %s",
                            node.address(), target.cluster().name(), why);
                    failures.add(node.address() + ": " + why);
                    return Future.failedFuture(new NodeUnreachable());
                })
                .compose(request -> (body == null ? request.send() : request.send(body))
                        .compose(response -> read(response, node))
                        .recover(e -> Future.failedFuture(afterConnect(e, node))))
                .recover(e -> {
                    if (e instanceof NodeUnreachable) {
                        return attempt(
                                target, order, index + 1, false, method, pathAndQuery, body, contentType, failures);
                    }
                    if (e instanceof StaleConnection && method == HttpMethod.GET && !staleRetried) {
                        // a pooled connection pveproxy had just closed: the request never reached PVE
                        return attempt(target, order, index, true, method, pathAndQuery, body, contentType, failures);
                    }
                    return Future.failedFuture(e instanceof StaleConnection s ? s.failure : e);
                })
                .onSuccess(reply -> downUntil.remove(key));
    }

    private static Future<UpstreamReply> read(HttpClientResponse response, ClusterNode node) {
        String reason = response.statusMessage();
        String contentType = response.getHeader("Content-Type");
        return response.body()
                .map(b -> new UpstreamReply(response.statusCode(), reason, contentType, b, node.address()));
    }

    private static Throwable afterConnect(Throwable e, ClusterNode node) {
        if (e instanceof TimeoutException
                || (e.getMessage() != null && e.getMessage().contains("timeout"))) {
            return new UpstreamFailure(504, "PVE node " + node.address() + " did not answer in time");
        }
        UpstreamFailure failure = new UpstreamFailure(502, "PVE node " + node.address() + " failed: " + describe(e));
        if (e instanceof HttpClosedException) {
            return new StaleConnection(failure);
        }
        return failure;
    }

    /** Nodes in configured order, those that failed recently last. */
    private List<Integer> order(PveCluster cluster) {
        long now = System.currentTimeMillis();
        List<Integer> up = new ArrayList<>();
        List<Integer> down = new ArrayList<>();
        for (int i = 0; i < cluster.nodes().size(); i++) {
            Long until = downUntil.get(nodeKey(cluster, i));
            (until != null && until > now ? down : up).add(i);
        }
        up.addAll(down);
        return up;
    }

    private HttpClient client(PveCluster cluster, int nodeIndex) {
        return clients.computeIfAbsent(nodeKey(cluster, nodeIndex), k -> {
            closeOlderVersions(cluster, nodeIndex);
            return vertx.createHttpClient(
                    options(cluster, cluster.nodes().get(nodeIndex)),
                    new PoolOptions().setHttp1MaxSize(config.maxPerNode()).setMaxWaitQueueSize(-1));
        });
    }

    private void closeOlderVersions(PveCluster cluster, int nodeIndex) {
        String prefix = cluster.id() + "@";
        String suffix = "#" + nodeIndex;
        clients.entrySet().removeIf(e -> {
            boolean stale = e.getKey().startsWith(prefix)
                    && e.getKey().endsWith(suffix)
                    && !e.getKey().equals(nodeKey(cluster, nodeIndex));
            if (stale) {
                e.getValue().close();
            }
            return stale;
        });
    }

    HttpClientOptions options(PveCluster cluster, ClusterNode node) {
        HttpClientOptions o = new HttpClientOptions()
                .setSsl(true)
                .setUseAlpn(false)
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, config.keepAlive().toSeconds()))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setTryUseCompression(false);
        if (node.fingerprint() != null) {
            // a pinned certificate is trusted for what it is, not for the name it carries
            o.setTrustOptions(TrustOptions.wrap(new PinnedFingerprintTrust(node.fingerprint())))
                    .setVerifyHost(false);
        } else if (!cluster.verifyTls()) {
            o.setTrustAll(true).setVerifyHost(false);
        } else if (cluster.caPem() != null) {
            o.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(cluster.caPem())))
                    .setVerifyHost(true);
        } else {
            o.setVerifyHost(true);
        }
        return o;
    }

    private static String nodeKey(PveCluster cluster, int nodeIndex) {
        return cluster.version() + "#" + nodeIndex;
    }

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(PinnedFingerprintTrust.MISMATCH)) {
                return "TLS " + t.getMessage().substring(t.getMessage().indexOf(PinnedFingerprintTrust.MISMATCH));
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return e == root ? message : e.getClass().getSimpleName() + ": " + message;
    }

    private static final class NodeUnreachable extends RuntimeException {
        NodeUnreachable() {
            super(null, null, false, false);
        }
    }

    private static final class StaleConnection extends RuntimeException {
        final UpstreamFailure failure;

        StaleConnection(UpstreamFailure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
