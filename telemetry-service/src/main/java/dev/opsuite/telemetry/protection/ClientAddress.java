package dev.opsuite.telemetry.protection;

import dev.opsuite.common.net.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Who the client is for rate limiting: the peer address, or, when the peer is a trusted proxy (the
 * gateway), the nearest untrusted address in X-Forwarded-For. Used in memory only, never stored.
 */
final class ClientAddress {
    private final List<Cidr> trusted;

    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream()
                .filter(s -> !s.isBlank())
                .map(Cidr::parse)
                .toList();
    }

    String resolve(String peer, String forwardedFor) {
        if (peer == null || forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty()) {
                continue;
            }
            if (!isTrusted(hop)) {
                return literal(hop) ? hop : peer;
            }
            if (i == 0) {
                return hop;
            }
        }
        return peer;
    }

    boolean isTrusted(String address) {
        InetAddress a = parse(address);
        return a != null && trusted.stream().anyMatch(c -> c.contains(a));
    }

    private static boolean literal(String s) {
        return parse(s) != null;
    }

    /** IP literals only (no DNS lookups for header values). */
    private static InetAddress parse(String s) {
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!(t.contains(":") || t.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return null;
        }
        if (t.contains(":") && !t.matches("[0-9a-fA-F:.%]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
