package dev.opsuite.gateway.pve.facade;

import dev.opsuite.gateway.pve.PveConfig;
import dev.opsuite.gateway.pve.upstream.UpstreamReply;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes to one guest go to PVE one after another (this replica), so a client's parallel calls do
 * not fight over the guest's config lock; idempotent calls (GET, PUT, DELETE) are retried a bounded
 * number of times when PVE answers with its lock timeout or 596/599.
 */
@ApplicationScoped
public class GuestWrites {
    private static final Pattern GUEST = Pattern.compile("^/nodes/[^/]+/(qemu|lxc)/([0-9]+)(/.*)?$");
    private static final Pattern LOCK_TIMEOUT = Pattern.compile("can't lock file '.*' - got timeout");

    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final int attempts;
    private final Duration backoff;

    public GuestWrites(PveConfig config) {
        this.attempts = Math.max(1, config.retry().attempts());
        this.backoff = config.retry().backoff();
    }

    /** The guest a write addresses ({@code qemu/100}), from the path or a create's vmid; null if none. */
    static String guestOf(String path, Map<String, String> body) {
        Matcher m = GUEST.matcher(path);
        if (m.matches()) {
            return m.group(2);
        }
        if (path.matches("^/nodes/[^/]+/(qemu|lxc)$") && body.get("vmid") != null) {
            return body.get("vmid");
        }
        return null;
    }

    static boolean retryable(UpstreamReply reply) {
        if (reply.status() == 596 || reply.status() == 599) {
            return true;
        }
        return reply.status() == 500
                && reply.reason() != null
                && LOCK_TIMEOUT.matcher(reply.reason()).find();
    }

    static boolean idempotent(String method) {
        return method.equals("GET") || method.equals("PUT") || method.equals("DELETE");
    }

    /** Runs {@code call} (with retries when idempotent), after earlier writes to the same guest finished. */
    public Uni<UpstreamReply> run(String clusterName, String guest, String method, Supplier<Uni<UpstreamReply>> call) {
        Uni<UpstreamReply> withRetry = idempotent(method) ? retrying(call, 1) : call.get();
        if (guest == null || method.equals("GET")) {
            return withRetry;
        }
        String key = clusterName + "/" + guest;
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> before = tails.put(key, mine);
            Uni<Void> turn = before == null
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().completionStage(before);
            return turn.chain(() -> withRetry).onTermination().invoke(() -> {
                tails.remove(key, mine);
                mine.complete(null);
            });
        });
    }

    private Uni<UpstreamReply> retrying(Supplier<Uni<UpstreamReply>> call, int attempt) {
        return Uni.createFrom().deferred(call::get).chain(reply -> {
            if (attempt >= attempts || !retryable(reply)) {
                return Uni.createFrom().item(reply);
            }
            return Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(backoff.multipliedBy(1L << (attempt - 1)))
                    .chain(() -> retrying(call, attempt + 1));
        });
    }
}
