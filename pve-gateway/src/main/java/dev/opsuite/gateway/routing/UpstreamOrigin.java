package dev.opsuite.gateway.routing;

import java.net.URI;
import java.util.Locale;

/**
 * One instance of an upstream service, {@code scheme://host:port}. A route has one or more; circuit
 * breakers are kept per origin, so a failing instance is skipped while its siblings keep serving.
 */
public record UpstreamOrigin(URI uri) {

    public boolean ssl() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : ssl() ? 443 : 80;
    }

    /** Identity of the origin for circuits and logs, with the port spelled out. */
    public String key() {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + host() + ":" + port();
    }
}
