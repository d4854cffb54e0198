package dev.opsuite.gateway.ratelimit;

import dev.opsuite.common.ratelimit.RateLimiter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The buckets of the proxied routes: one per route and client (user, API token or IP). */
@ApplicationScoped
public class EdgeRateLimits {

    private final RateLimiter limiter = new RateLimiter();

    /** @return zero when allowed, else the Retry-After */
    public Duration acquire(String route, String client, double perSecond, int burst) {
        return limiter.acquire(route + '|' + client, perSecond, burst);
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        limiter.sweep();
    }
}
