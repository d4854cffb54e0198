package dev.opsuite.gateway.identity;

import dev.opsuite.common.ratelimit.RateLimiter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * Slows password guessing: failed logins drain a bucket per username and client address, one per
 * address, and a much larger one per username (the ceiling against distributed guessing); while any
 * of them is empty every attempt it covers is refused with 429, even with the right password, so an
 * attacker cannot tell. One attacker therefore cannot lock a user out for everybody else, as a plain
 * per-username lockout allowed. Successful logins cost nothing.
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
        Duration wait = failures.peek(userAddressKey(username, ip));
        for (Duration other : new Duration[] {failures.peek(ipKey(ip)), failures.peek(userKey(username))}) {
            wait = other.compareTo(wait) > 0 ? other : wait;
        }
        return wait;
    }

    public void recordFailure(String username, String ip) {
        failures.acquire(
                userAddressKey(username, ip), config.perUserAddressPerMinute() / 60.0, config.perUserAddressBurst());
        failures.acquire(ipKey(ip), config.perIpPerMinute() / 60.0, config.perIpBurst());
        failures.acquire(userKey(username), config.perUserPerMinute() / 60.0, config.perUserBurst());
    }

    private static String userAddressKey(String username, String ip) {
        return userKey(username) + "@" + ip;
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
