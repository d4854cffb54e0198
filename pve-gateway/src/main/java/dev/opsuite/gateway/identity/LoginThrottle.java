package dev.opsuite.gateway.identity;

import dev.opsuite.gateway.ratelimit.RateLimiter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * Slows password guessing: failed logins drain a bucket per username and one per client IP; while
 * either is empty every attempt for it is refused with 429, even with the right password, so an
 * attacker cannot tell. Successful logins cost nothing.
 */
@ApplicationScoped
public class LoginThrottle {

    private final RateLimiter failures;
    private final IdentityConfig.Login config;

    @Inject
    public LoginThrottle(IdentityConfig config) {
        this(config.login(), new RateLimiter());
    }

    LoginThrottle(IdentityConfig.Login config, RateLimiter limiter) {
        this.config = config;
        this.failures = limiter;
    }

    /** Zero when an attempt may proceed, else how long until it may. */
    public Duration check(String username, String ip) {
        Duration user = failures.peek(userKey(username));
        Duration client = failures.peek(ipKey(ip));
        return user.compareTo(client) >= 0 ? user : client;
    }

    public void recordFailure(String username, String ip) {
        failures.acquire(userKey(username), config.perUserPerMinute() / 60.0, config.perUserBurst());
        failures.acquire(ipKey(ip), config.perIpPerMinute() / 60.0, config.perIpBurst());
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String ipKey(String ip) {
        return "ip:" + ip;
    }

    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        failures.sweep();
    }
}
