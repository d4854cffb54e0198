package dev.opsuite.common.ratelimit;

import java.time.Duration;

/**
 * A token bucket: {@code burst} tokens, refilled continuously at {@code perSecond}; one token per
 * request. The time is passed in (nanoseconds) so callers can share one clock and tests can drive it.
 */
public final class TokenBucket {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long lastRefill;

    public TokenBucket(double perSecond, int burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.capacity = burst;
        this.tokens = burst;
        this.lastRefill = nowNanos;
    }

    /** Takes one token; when none is left, says how long until one will be. */
    public synchronized Duration tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        double missing = 1 - tokens;
        return Duration.ofNanos((long) Math.ceil(missing / perSecond * 1e9));
    }

    /** Like {@link #tryTake} without taking: zero when a token is available. */
    public synchronized Duration peek(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
    }

    /** True when the bucket would be full again, i.e. it carries no state worth keeping. */
    public synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed / 1e9 * perSecond);
            lastRefill = nowNanos;
        }
    }
}
