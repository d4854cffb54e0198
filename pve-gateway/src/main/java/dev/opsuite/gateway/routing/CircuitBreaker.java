package dev.opsuite.gateway.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Per-upstream circuit: after {@code threshold} consecutive failures (connect errors, timeouts) it
 * opens and requests fail at once; after {@code openDuration} exactly one probe request is let
 * through (half-open) and its outcome closes or re-opens the circuit. A probe whose outcome is
 * never reported (client went away) is replaced after another {@code openDuration}.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final long openNanos;
    private final LongSupplier clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private long probeStartedAt;

    public CircuitBreaker(int threshold, Duration openDuration, LongSupplier nanoClock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("failure threshold must be >= 1");
        }
        this.threshold = threshold;
        this.openNanos = openDuration.toNanos();
        this.clock = nanoClock;
    }

    public CircuitBreaker(int threshold, Duration openDuration) {
        this(threshold, openDuration, System::nanoTime);
    }

    /** True when a request may go to the upstream now. */
    public synchronized boolean tryAcquire() {
        long now = clock.getAsLong();
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (now - openedAt >= openNanos) {
                    state = State.HALF_OPEN;
                    probeStartedAt = now;
                    return true;
                }
                return false;
            default:
                if (now - probeStartedAt >= openNanos) {
                    probeStartedAt = now;
                    return true;
                }
                return false;
        }
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
        }
    }

    public synchronized State state() {
        return state;
    }

    /** How long until a probe may go through; zero unless open. */
    public synchronized Duration retryAfter() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        long left = openNanos - (clock.getAsLong() - openedAt);
        return Duration.ofNanos(Math.max(0, left));
    }
}
