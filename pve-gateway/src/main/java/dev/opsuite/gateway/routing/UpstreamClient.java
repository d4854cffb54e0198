package dev.opsuite.gateway.routing;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/**
 * The one HTTP client of the edge, pooled per upstream origin. No connection idle timeout: a quiet
 * SSE or log stream is not a dead one (only unused pooled connections expire). No decompression:
 * Content-Encoding passes through as the upstream chose it.
 */
@ApplicationScoped
public class UpstreamClient {

    private final HttpClient client;

    public UpstreamClient(Vertx vertx, RoutingConfig config) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setName("opsuite-upstreams")
                .setMaxPoolSize(config.maxConnectionsPerUpstream())
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setIdleTimeout(0)
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setMaxWebSockets(config.maxConnectionsPerUpstream()));
    }

    public HttpClient get() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
