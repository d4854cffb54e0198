package dev.opsuite.gateway.routing;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.tracing.TracingPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP clients of the edge: persistent HTTP/1.1 connections (keep-alive, no pipelining) pooled
 * per upstream origin. No connection idle timeout: a quiet SSE or log stream is not a dead one
 * (only unused pooled connections expire). No decompression: Content-Encoding passes through as
 * the upstream chose it.
 *
 * <p>Proxied requests use one client per event loop ({@link #forCurrentEventLoop()}). Vert.x opens a
 * pooled connection on the event loop of the request that needed it, but hands idle connections to
 * any caller; with one shared pool, a request on loop A would mostly get a connection of loop B and
 * every write and every response would hop threads (a task queue plus a selector wake-up each
 * time). A pool per loop keeps the whole exchange on the thread that accepted the request.
 *
 * <p>No client spans: the edge sends its own W3C {@code traceparent} (see {@link TraceParent}), the
 * server span of the request is the upstream's parent, and a second, client-side scope on the same
 * Vert.x context would be left attached whenever an exchange is reset (client gone, timeout).
 */
@Singleton
public class UpstreamClient {

    private final Vertx vertx;
    private final HttpClientOptions perLoopOptions;
    private final HttpClient shared;
    private final Map<Thread, HttpClient> perLoop = new ConcurrentHashMap<>();

    public UpstreamClient(
            Vertx vertx,
            RoutingConfig config,
            @ConfigProperty(name = "quarkus.vertx.event-loops-pool-size") Optional<Integer> eventLoops) {
        this.vertx = vertx;
        int loops = Math.max(1, eventLoops.orElse(2 * Runtime.getRuntime().availableProcessors()));
        int total = config.maxConnectionsPerUpstream();
        this.shared = vertx.createHttpClient(options(total).setName("opsuite-upstreams"));
        // the configured bound holds for the edge as a whole: each loop's pool gets its share
        this.perLoopOptions = options(Math.max(1, (total + loops - 1) / loops)).setName("opsuite-upstreams-loop");
    }

    private static HttpClientOptions options(int poolSize) {
        return new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setPipelining(false)
                .setMaxPoolSize(poolSize)
                // requests beyond the pool wait for a connection (bounded by the route timeout), never fail
                .setMaxWaitQueueSize(-1)
                .setIdleTimeout(0)
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setMaxWebSockets(poolSize);
    }

    /** A client for work off the request path (readiness probes), from any thread. */
    public HttpClient get() {
        return shared;
    }

    /** The client whose pooled connections live on the calling event loop (the shared one elsewhere). */
    public HttpClient forCurrentEventLoop() {
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            return shared;
        }
        return perLoop.computeIfAbsent(
                Thread.currentThread(), t -> vertx.createHttpClient(new HttpClientOptions(perLoopOptions)));
    }

    @PreDestroy
    void close() {
        perLoop.values().forEach(HttpClient::close);
        shared.close();
    }
}
