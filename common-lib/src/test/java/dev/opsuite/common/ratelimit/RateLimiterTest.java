package dev.opsuite.common.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(now::get);

    @Test
    void allowsTheBurstThenOneRequestPerRefill() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limiter.acquire("k", 2, 3));
        }
        assertEquals(Duration.ofMillis(500), limiter.acquire("k", 2, 3));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertEquals(Duration.ZERO, limiter.acquire("k", 2, 3));
    }

    @Test
    void keysAreIndependent() {
        limiter.acquire("a", 1, 1);
        assertEquals(Duration.ofSeconds(1), limiter.acquire("a", 1, 1));
        assertEquals(Duration.ZERO, limiter.acquire("b", 1, 1));
    }

    @Test
    void peekDoesNotConsume() {
        limiter.acquire("p", 1, 1);
        assertEquals(Duration.ofSeconds(1), limiter.peek("p"));
        assertEquals(Duration.ZERO, limiter.peek("unknown"));
    }

    @Test
    void sweepForgetsRefilledBuckets() {
        limiter.acquire("x", 1, 2);
        limiter.acquire("y", 1, 2);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        limiter.sweep();
        assertEquals(0, limiter.size());
    }
}
