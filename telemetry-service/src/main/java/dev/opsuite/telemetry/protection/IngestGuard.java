package dev.opsuite.telemetry.protection;

import dev.opsuite.common.net.TrustedProxies;
import dev.opsuite.common.ratelimit.RateLimiter;
import dev.opsuite.telemetry.TelemetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * Abuse control in front of the ingest endpoints, before any body is read: a token bucket per
 * client address (429 {@code rate limited}) and the declared body size (400 {@code invalid body}).
 */
@ApplicationScoped
public class IngestGuard {
    static final Set<String> INGEST_PATHS =
            Set.of("/telemetry", "/install", "/update", "/upload", "/upload/updatestatus");

    private final TelemetryConfig.RateLimit config;
    private final TrustedProxies proxies;
    private final int maxBodyBytes;
    private final MeterRegistry metrics;
    private final RateLimiter limiter = new RateLimiter();

    public IngestGuard(TelemetryConfig config, MeterRegistry metrics) {
        this.config = config.rateLimit();
        this.proxies = new TrustedProxies(config.rateLimit().trustedProxies());
        this.maxBodyBytes = config.ingest().maxBodyBytes();
        this.metrics = metrics;
    }

    void register(@Observes Filters filters) {
        // below the request-id filter (10000): refusals still carry X-Request-Id
        filters.register(this::handle, 500);
    }

    void handle(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST || !INGEST_PATHS.contains(rc.normalizedPath())) {
            rc.next();
            return;
        }
        if (config.enabled()) {
            String peer = rc.request().remoteAddress() == null
                    ? null
                    : rc.request().remoteAddress().hostAddress();
            String client = proxies.clientIp(peer, rc.request().headers().getAll("X-Forwarded-For"));
            long waitNanos = limiter.acquire(client == null ? "?" : client, config.perMinute() / 60.0, config.burst())
                    .toNanos();
            if (waitNanos > 0) {
                metrics.counter("telemetry_ingest_requests_total", "protocol", protocol(rc), "outcome", "rate_limited")
                        .increment();
                long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
                refuse(rc, 429, "rate limited", seconds);
                return;
            }
        }
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > maxBodyBytes) {
                    metrics.counter("telemetry_ingest_requests_total", "protocol", protocol(rc), "outcome", "too_large")
                            .increment();
                    refuse(rc, 400, "invalid body", 0);
                    return;
                }
            } catch (NumberFormatException e) {
                refuse(rc, 400, "invalid body", 0);
                return;
            }
        }
        rc.next();
    }

    private static String protocol(RoutingContext rc) {
        return rc.normalizedPath().substring(1).replace('/', '_');
    }

    private static void refuse(RoutingContext rc, int status, String text, long retryAfterSeconds) {
        var response = rc.response().setStatusCode(status).putHeader("Content-Type", "text/plain;charset=UTF-8");
        if (retryAfterSeconds > 0) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        if (status == 400) {
            response.putHeader("Connection", "close"); // the unread body is not worth draining
        }
        response.end(text);
    }

    /** Forget clients whose bucket is full again (idle): the map stays small and holds nothing old. */
    @Scheduled(every = "1m", delayed = "1m")
    void forgetIdleClients() {
        limiter.sweep();
    }
}
