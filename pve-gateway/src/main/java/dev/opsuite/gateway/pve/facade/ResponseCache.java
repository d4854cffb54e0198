package dev.opsuite.gateway.pve.facade;

import dev.opsuite.gateway.pve.PveConfig;
import dev.opsuite.gateway.pve.upstream.UpstreamReply;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A short-lived cache of PVE's slow, much-polled overview reads with single-flight: concurrent
 * identical requests share one upstream call, and a successful answer is served for the TTL.
 * Failures are shared by the requests already waiting, never kept.
 */
@ApplicationScoped
public class ResponseCache {

    private record Entry(CompletableFuture<UpstreamReply> reply, long expiresAtNanos) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final long ttlNanos;

    public ResponseCache(PveConfig config) {
        this.enabled = config.cache().enabled();
        this.ttlNanos = config.cache().ttl().toNanos();
    }

    public boolean enabled() {
        return enabled;
    }

    static boolean cacheable(String method, String path) {
        return method.equals("GET")
                && (path.equals("/cluster/resources")
                        || path.equals("/nodes")
                        || path.equals("/cluster/status")
                        || path.equals("/version"));
    }

    /** @param key cluster + upstream identity + path + query */
    public Uni<UpstreamReply> get(String key, Supplier<Uni<UpstreamReply>> call) {
        if (!enabled) {
            return call.get();
        }
        return Uni.createFrom().completionStage(() -> lookup(key, call));
    }

    private CompletableFuture<UpstreamReply> lookup(String key, Supplier<Uni<UpstreamReply>> call) {
        long now = System.nanoTime();
        CompletableFuture<UpstreamReply> mine = new CompletableFuture<>();
        Entry created = new Entry(mine, Long.MAX_VALUE);
        Entry current = entries.compute(key, (k, existing) -> {
            boolean fresh = existing != null && (!existing.reply.isDone() || existing.expiresAtNanos - now > 0);
            return fresh ? existing : created;
        });
        if (current != created) {
            return current.reply();
        }
        call.get()
                .subscribe()
                .with(
                        reply -> {
                            if (reply.isSuccess()) {
                                entries.replace(key, created, new Entry(mine, System.nanoTime() + ttlNanos));
                            } else {
                                entries.remove(key, created);
                            }
                            mine.complete(reply);
                        },
                        failure -> {
                            entries.remove(key, created);
                            mine.completeExceptionally(failure);
                        });
        return mine;
    }

    /** Drops everything cached for a cluster (after writes through the facade). */
    public void invalidate(String clusterPrefix) {
        entries.keySet().removeIf(k -> k.startsWith(clusterPrefix));
    }
}
