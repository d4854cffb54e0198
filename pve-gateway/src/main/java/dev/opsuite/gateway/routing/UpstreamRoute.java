package dev.opsuite.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One configured route, validated.
 *
 * @param origin    upstream {@code scheme://host:port}; circuit breakers are kept per origin, so two
 *                  routes to the same service share one
 * @param perSecond sustained rate per client, 0 = unlimited
 * @param maxBodyBytes largest request body forwarded; larger is a 413 at the edge
 */
public record UpstreamRoute(
        String name,
        URI origin,
        List<String> prefixes,
        Duration timeout,
        double perSecond,
        int burst,
        long maxBodyBytes) {

    public boolean ssl() {
        return "https".equalsIgnoreCase(origin.getScheme());
    }

    public String host() {
        return origin.getHost();
    }

    public int port() {
        return origin.getPort() > 0 ? origin.getPort() : ssl() ? 443 : 80;
    }

    public String originKey() {
        return origin.getScheme().toLowerCase() + "://" + host() + ":" + port();
    }

    public boolean rateLimited() {
        return perSecond > 0;
    }
}
