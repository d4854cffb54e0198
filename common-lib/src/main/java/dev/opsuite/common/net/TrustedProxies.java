package dev.opsuite.common.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Who the client of a request is, behind the proxies we trust: the peer itself, or — only when the
 * peer is a trusted proxy — the nearest address in {@code X-Forwarded-For} that is not one of ours.
 * Entries left of that one could be forged by the client, so they never count. Strict: a hop that is
 * not an IP literal (a name, a port, garbage) ends the walk and the peer is used, so header text
 * never becomes a rate-limit key or a logged address. If every hop is a trusted proxy, the outermost
 * (left-most) one is the client: an internal caller inside our own networks.
 */
public final class TrustedProxies {
    private final List<Cidr> trusted;

    public TrustedProxies(List<String> cidrs) {
        this.trusted = cidrs.stream()
                .filter(c -> !c.isBlank())
                .map(String::strip)
                .map(Cidr::parse)
                .toList();
    }

    public boolean isTrusted(String ip) {
        if (ip == null) {
            return false;
        }
        String literal = unbracketed(ip.strip());
        return trusted.stream().anyMatch(c -> c.contains(literal));
    }

    /**
     * @param peer the TCP peer's address
     * @param forwardedFor every {@code X-Forwarded-For} header line, in order (each may list several hops)
     */
    public String clientIp(String peer, List<String> forwardedFor) {
        if (peer == null || forwardedFor == null || forwardedFor.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String hop : line.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(unbracketed(hop.strip()));
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isIpLiteral(hop)) {
                return peer;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    public String clientIp(String peer, String forwardedFor) {
        return clientIp(peer, forwardedFor == null ? List.of() : List.of(forwardedFor));
    }

    static boolean isIpLiteral(String text) {
        return Cidr.isLiteral(text);
    }

    private static String unbracketed(String text) {
        return text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    }
}
