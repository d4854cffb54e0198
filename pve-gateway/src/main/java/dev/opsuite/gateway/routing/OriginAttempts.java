package dev.opsuite.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The origins one request may use, in order, and the one it is on. Only origins whose circuit
 * admits a request are handed out; an open circuit is passed over without being charged.
 * Not thread-safe: one request's callbacks run on its event loop.
 */
public final class OriginAttempts {

    private final List<UpstreamOrigin> order;
    private final CircuitBreakers breakers;
    private final Function<UpstreamOrigin, AtomicInteger> inFlight;
    private int next;
    private UpstreamOrigin current;
    private CircuitBreaker currentBreaker;
    private boolean released;

    OriginAttempts(
            List<UpstreamOrigin> order, CircuitBreakers breakers, Function<UpstreamOrigin, AtomicInteger> inFlight) {
        this.order = order;
        this.breakers = breakers;
        this.inFlight = inFlight;
    }

    /** Moves to the next origin whose circuit lets a request through; false when none is left. */
    public boolean advance() {
        while (next < order.size()) {
            UpstreamOrigin candidate = order.get(next++);
            CircuitBreaker breaker = breakers.forOrigin(candidate);
            if (breaker.tryAcquire()) {
                if (current != null && !released) {
                    inFlight.apply(current).decrementAndGet();
                }
                inFlight.apply(candidate).incrementAndGet();
                released = false;
                current = candidate;
                currentBreaker = breaker;
                return true;
            }
        }
        return false;
    }

    /** The request is over (answered, failed or its client gone): it no longer counts as in flight. */
    public void release() {
        if (current != null && !released) {
            released = true;
            inFlight.apply(current).decrementAndGet();
        }
    }

    /** The origin the request is on (after a successful {@link #advance()}). */
    public UpstreamOrigin current() {
        return current;
    }

    public CircuitBreaker breaker() {
        return currentBreaker;
    }

    /** How many origins the request could have used at all. */
    public int size() {
        return order.size();
    }

    /** When every circuit is open: how long until the first of them lets a probe through. */
    public Duration retryAfter() {
        return order.stream()
                .map(o -> breakers.forOrigin(o).retryAfter())
                .min(Duration::compareTo)
                .orElse(Duration.ZERO);
    }
}
