package dev.opsuite.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One configured route, validated.
 *
 * @param origins   the upstream's instances ({@code scheme://host:port}), at least one; requests are
 *                  spread over them round-robin, and circuit breakers are kept per origin, so two
 *                  routes to the same service share them
 * @param perSecond sustained rate per client, 0 = unlimited
 * @param maxBodyBytes largest request body forwarded; larger is a 413 at the edge
 * @param balance   how the instance of each request is picked
 */
public record UpstreamRoute(
        String name,
        List<UpstreamOrigin> origins,
        List<String> prefixes,
        Duration timeout,
        double perSecond,
        int burst,
        long maxBodyBytes,
        Balance balance) {

    public UpstreamRoute {
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("route " + name + " has no upstream origin");
        }
        origins = List.copyOf(origins);
        balance = balance == null ? Balance.ROUND_ROBIN : balance;
    }

    /** Several instances, spread round-robin. */
    public UpstreamRoute(
            String name,
            List<UpstreamOrigin> origins,
            List<String> prefixes,
            Duration timeout,
            double perSecond,
            int burst,
            long maxBodyBytes) {
        this(name, origins, prefixes, timeout, perSecond, burst, maxBodyBytes, Balance.ROUND_ROBIN);
    }

    /** A route to a single upstream instance. */
    public UpstreamRoute(
            String name,
            URI origin,
            List<String> prefixes,
            Duration timeout,
            double perSecond,
            int burst,
            long maxBodyBytes) {
        this(
                name,
                List.of(new UpstreamOrigin(origin)),
                prefixes,
                timeout,
                perSecond,
                burst,
                maxBodyBytes,
                Balance.ROUND_ROBIN);
    }

    /** The first configured origin (the only one unless the upstream runs several instances). */
    public URI origin() {
        return origins.get(0).uri();
    }

    public boolean ssl() {
        return origins.get(0).ssl();
    }

    public String host() {
        return origins.get(0).host();
    }

    public int port() {
        return origins.get(0).port();
    }

    /** The first origin's key; {@link #originKeys()} names them all. */
    public String originKey() {
        return origins.get(0).key();
    }

    /** Every origin's key, comma-separated, for logs. */
    public String originKeys() {
        return String.join(",", origins.stream().map(UpstreamOrigin::key).toList());
    }

    public boolean rateLimited() {
        return perSecond > 0;
    }
}
