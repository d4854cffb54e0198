package dev.opsuite.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.gateway.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(
            new IdentityConfig.Login() {
                public int perUserBurst() {
                    return 3;
                }

                public double perUserPerMinute() {
                    return 3;
                }

                public int perIpBurst() {
                    return 5;
                }

                public double perIpPerMinute() {
                    return 5;
                }
            },
            new RateLimiter(now::get));

    @Test
    void failuresPerUsernameAreLimitedWhateverTheCase() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, throttle.check("Alice", "10.0.0." + i));
            throttle.recordFailure(i % 2 == 0 ? "alice" : "ALICE", "10.0.0." + i);
        }
        assertTrue(throttle.check("alice", "10.0.0.99").toSeconds() >= 19);
        assertEquals(Duration.ZERO, throttle.check("bob", "10.0.0.99"));
    }

    @Test
    void failuresPerIpAreLimitedAcrossUsernames() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + i, "192.0.2.7");
        }
        assertTrue(throttle.check("fresh-user", "192.0.2.7").compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, throttle.check("fresh-user", "192.0.2.8"));
        now.addAndGet(Duration.ofSeconds(12).toNanos());
        assertEquals(Duration.ZERO, throttle.check("fresh-user", "192.0.2.7"));
    }
}
