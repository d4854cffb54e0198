package dev.opsuite.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.common.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(
            new IdentityConfig.Login() {
                public int perUserAddressBurst() {
                    return 3;
                }

                public double perUserAddressPerMinute() {
                    return 3;
                }

                public int perIpBurst() {
                    return 5;
                }

                public double perIpPerMinute() {
                    return 5;
                }

                public int perUserBurst() {
                    return 8;
                }

                public double perUserPerMinute() {
                    return 8;
                }
            },
            new RateLimiter(now::get));

    @Test
    void failuresPerUsernameAndAddressAreLimitedWhateverTheCase() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, throttle.check("Alice", "10.0.0.1"));
            throttle.recordFailure(i % 2 == 0 ? "alice" : "ALICE", "10.0.0.1");
        }
        assertTrue(throttle.check("alice", "10.0.0.1").toSeconds() >= 19);
        assertEquals(Duration.ZERO, throttle.check("bob", "10.0.0.1"));
    }

    @Test
    void oneGuesserCannotLockTheUserOutForEveryoneElse() {
        for (int i = 0; i < 10; i++) {
            // as LoginService does: a refused attempt is not even checked, so it records nothing
            if (throttle.check("admin", "203.0.113.66").isZero()) {
                throttle.recordFailure("admin", "203.0.113.66");
            }
        }
        assertTrue(throttle.check("admin", "203.0.113.66").compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, throttle.check("admin", "198.51.100.1"), "the real admin is locked out");
    }

    @Test
    void aDistributedGuesserHitsThePerUserCeiling() {
        for (int i = 0; i < 8; i++) {
            throttle.recordFailure("admin", "10.1.0." + i);
        }
        assertTrue(throttle.check("admin", "10.9.9.9").compareTo(Duration.ZERO) > 0);
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
