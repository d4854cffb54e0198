package dev.opsuite.common.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (route + client). Full buckets carry no information, so {@link #sweep()}
 * drops them; that keeps memory proportional to the clients that are actually being limited.
 */
public final class RateLimiter {

    /** Beyond this many tracked keys a sweep runs inline, so a flood of fresh keys stays bounded. */
    private static final int SWEEP_AT = 100_000;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public RateLimiter(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    public RateLimiter() {
        this(System::nanoTime);
    }

    /**
     * Consumes one request for {@code key}.
     *
     * @return zero when allowed, otherwise the time until the next request would be
     */
    public Duration acquire(String key, double perSecond, int burst) {
        if (perSecond <= 0) {
            return Duration.ZERO;
        }
        long now = clock.getAsLong();
        if (buckets.size() > SWEEP_AT) {
            sweep();
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now))
                .tryTake(now);
    }

    /** Whether {@code key} has a request left, without consuming it (unknown keys have). */
    public Duration peek(String key) {
        TokenBucket bucket = buckets.get(key);
        return bucket == null ? Duration.ZERO : bucket.peek(clock.getAsLong());
    }

    /** Forgets buckets that have refilled completely. */
    public void sweep() {
        long now = clock.getAsLong();
        buckets.entrySet().removeIf(e -> e.getValue().isFull(now));
    }

    public int size() {
        return buckets.size();
    }
}
