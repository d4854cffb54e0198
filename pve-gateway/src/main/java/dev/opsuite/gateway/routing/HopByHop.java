package dev.opsuite.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.vertx.core.MultiMap;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, so a proxy must not forward them:
 * the fixed set plus every header the {@code Connection} header names. A WebSocket upgrade keeps
 * {@code Connection: Upgrade} and {@code Upgrade}, which is what it asks the next hop to do.
 */
final class HopByHop {

    private static final Set<String> FIXED = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    static void strip(MultiMap headers, boolean keepUpgrade) {
        List<String> named = new ArrayList<>();
        for (String value : headers.getAll("connection")) {
            for (String token : value.split(",")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    named.add(t);
                }
            }
        }
        for (String name : named) {
            if (!(keepUpgrade && name.equals("upgrade"))) {
                headers.remove(name);
            }
        }
        for (String name : FIXED) {
            if (keepUpgrade && (name.equals("connection") || name.equals("upgrade"))) {
                continue;
            }
            // transfer-encoding framing is redone by the proxy itself for each hop
            if (!name.equals("transfer-encoding")) {
                headers.remove(name);
            }
        }
        if (keepUpgrade) {
            headers.set("connection", "Upgrade");
        }
    }
}
