package dev.opsuite.gateway.routing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, so a proxy must not forward them:
 * the fixed set plus every header the {@code Connection} header names. A WebSocket upgrade keeps
 * {@code Connection: Upgrade} and {@code Upgrade}, which is what it asks the next hop to do.
 */
final class HopByHop {

    // header names as pre-hashed AsciiStrings: two strips per proxied request, each a dozen lookups
    private static final CharSequence CONNECTION = HttpHeaders.createOptimized("connection");
    private static final CharSequence UPGRADE = HttpHeaders.createOptimized("upgrade");
    /** The fixed set except connection and upgrade (handled apart), and transfer-encoding: its framing is redone by the proxy for each hop. */
    private static final List<CharSequence> FIXED = Stream.of(
                    "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer")
            .map(HttpHeaders::createOptimized)
            .toList();

    private HopByHop() {}

    static void strip(MultiMap headers, boolean keepUpgrade) {
        List<String> connection = headers.getAll(CONNECTION);
        if (!connection.isEmpty()) {
            for (String value : connection) {
                for (String token : value.split(",")) {
                    String t = token.trim().toLowerCase(Locale.ROOT);
                    if (!t.isEmpty() && !(keepUpgrade && t.equals("upgrade"))) {
                        headers.remove(t);
                    }
                }
            }
        }
        for (CharSequence name : FIXED) {
            headers.remove(name);
        }
        if (keepUpgrade) {
            headers.set(CONNECTION, "Upgrade");
        } else {
            headers.remove(CONNECTION);
            headers.remove(UPGRADE);
        }
    }
}
