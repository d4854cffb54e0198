package dev.opsuite.gateway.routing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edge: which path prefixes go to which upstream, with what timeout and rate limit. A route is
 * added purely by configuration:
 * <pre>
 * opsuite.gateway.routes.echo.url=http://localhost:9000,http://localhost:9001
 * opsuite.gateway.routes.echo.prefixes=/echo,/api/v1/echo
 * opsuite.gateway.routes.echo.balance=least-outstanding
 * </pre>
 */
@ConfigMapping(prefix = "opsuite.gateway")
public interface RoutingConfig {

    /**
     * Named upstream base URLs. Routes reference them with {@code ${opsuite.gateway.upstream.<name>}},
     * so one env var (e.g. {@code OPSUITE_GATEWAY_UPSTREAM_TELEMETRY}) moves every route of a service.
     */
    Map<String, String> upstream();

    /** Route name -> route. */
    Map<String, Route> routes();

    Breaker breaker();

    /**
     * Peers (CIDRs) whose X-Forwarded-* headers are kept and extended; from anyone else they are
     * replaced, so upstreams that trust the gateway cannot be fooled by a client-sent header.
     */
    Optional<List<String>> trustedProxies();

    /**
     * Pooled keep-alive HTTP/1.1 connections per upstream origin, shared out evenly between the
     * event loops (each loop pools its own); further requests queue (bounded by the route timeout).
     */
    @WithDefault("200")
    int maxConnectionsPerUpstream();

    /** Timeout of each upstream readiness probe behind {@code GET /api/v1/status}. */
    @WithDefault("2s")
    Duration statusProbeTimeout();

    interface Route {
        /**
         * Upstream base URL: scheme, host and port; the request path is forwarded unchanged. Several
         * instances of the upstream are listed comma-separated: each request goes to the next one in
         * turn, an instance whose circuit is open is skipped, and a request whose connection is
         * refused is sent to the next instance (nothing of it reached the first).
         */
        String url();

        /**
         * With several instances in {@code url}: {@code round-robin} (each request to the next in turn)
         * or {@code least-outstanding} (to the instance with the fewest requests in flight).
         */
        @WithDefault("round-robin")
        Balance balance();

        /** Path prefixes on whole segments: {@code /upload} matches /upload and /upload/x, not /uploads. */
        List<String> prefixes();

        /** Time allowed for the upstream to answer with a status line (the body may stream longer). */
        @WithDefault("30s")
        Duration timeout();

        RateLimit rateLimit();

        /**
         * Largest request body the edge forwards (Content-Length, or counted as it streams); larger is
         * a 413 from the edge itself. Keep it at most the upstream's own limit: an upstream that
         * hangs up on an oversized body looks like a failing upstream.
         */
        @WithDefault("1M")
        MemorySize maxBodySize();
    }

    interface RateLimit {
        /** Sustained requests per second per client (user, or IP when anonymous); 0 disables the limit. */
        @WithDefault("20")
        double perSecond();

        /** Bucket size: how many requests a client may send at once after being idle. */
        @WithDefault("100")
        int burst();
    }

    interface Breaker {
        /** Consecutive connect failures or timeouts that open an upstream's circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 at once before one probe request is let through. */
        @WithDefault("10s")
        Duration openDuration();
    }
}
