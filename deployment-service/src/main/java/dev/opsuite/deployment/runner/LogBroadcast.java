package dev.opsuite.deployment.runner;

import dev.opsuite.deployment.domain.LogLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * In-memory fan-out of a deployment's log lines to the SSE followers on this instance. Lines are
 * published only after their batch is committed, so whatever a follower missed (it subscribed late,
 * or its queue overflowed) is in the database: followers subscribe first, read the stored backlog,
 * then take pushed lines, skipping offsets they already sent.
 */
@ApplicationScoped
public class LogBroadcast {
    /** Lines a slow follower may have queued before it is sent back to the database to catch up. */
    static final int QUEUE_LIMIT = 10_000;

    private final Map<String, Set<Subscription>> followers = new ConcurrentHashMap<>();

    public Subscription subscribe(String deploymentId) {
        Subscription s = new Subscription(deploymentId);
        followers
                .computeIfAbsent(deploymentId, k -> new CopyOnWriteArraySet<>())
                .add(s);
        return s;
    }

    boolean hasFollowers(String deploymentId) {
        Set<Subscription> set = followers.get(deploymentId);
        return set != null && !set.isEmpty();
    }

    /** Committed lines, in offset order. */
    void publish(String deploymentId, List<LogLine> lines) {
        Set<Subscription> set = followers.get(deploymentId);
        if (set != null) {
            set.forEach(s -> s.offer(lines));
        }
    }

    /** The local writer is done (all lines committed): followers should look at the stored state now. */
    void closed(String deploymentId) {
        Set<Subscription> set = followers.get(deploymentId);
        if (set != null) {
            set.forEach(Subscription::wake);
        }
    }

    /** One follower's queue of pushed lines. */
    public final class Subscription implements AutoCloseable {
        private static final LogLine WAKE = new LogLine(-1, "", "", null);
        private final String deploymentId;
        private final LinkedBlockingQueue<LogLine> queue = new LinkedBlockingQueue<>();

        private Subscription(String deploymentId) {
            this.deploymentId = deploymentId;
        }

        private void offer(List<LogLine> lines) {
            if (queue.size() + lines.size() > QUEUE_LIMIT) {
                // the database has these lines: the follower re-reads from there instead of growing memory
                queue.clear();
                queue.offer(WAKE);
                return;
            }
            queue.addAll(lines);
        }

        private void wake() {
            queue.offer(WAKE);
        }

        /**
         * Next pushed line, or null when the wait ended without one (timeout, writer closed, or
         * overflow): the caller then re-reads state and lines from the database.
         */
        public LogLine poll(long timeoutMillis) throws InterruptedException {
            LogLine line = timeoutMillis <= 0 ? queue.poll() : queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            return line == null || line == WAKE ? null : line;
        }

        @Override
        public void close() {
            followers.computeIfPresent(deploymentId, (k, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
