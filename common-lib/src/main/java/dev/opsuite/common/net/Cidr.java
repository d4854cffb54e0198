package dev.opsuite.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR notation ("10.0.0.0/8", "fc00::/7", or a bare address). */
public record Cidr(byte[] network, int prefixLength) {

    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!addr.contains(":") && !addr.matches("[0-9.]+")) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + text);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress(); // literal only: validated above, no DNS
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + text);
        }
        int max = bytes.length * 8;
        int prefix = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("invalid prefix length in " + text);
        }
        return new Cidr(bytes, prefix);
    }

    /**
     * Whether an address given as text (e.g. a peer address or an X-Forwarded-For entry) is in this
     * network. Only IP literals count: a host name is never resolved and is never contained.
     */
    public boolean contains(String ipLiteral) {
        byte[] bytes = literal(ipLiteral);
        return bytes != null && contains(bytes);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    private boolean contains(byte[] a) {
        if (a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    /** True for an IPv4 or IPv6 literal (brackets allowed); never looks a name up. */
    public static boolean isLiteral(String ip) {
        return literal(ip) != null;
    }

    /** The bytes of an IPv4 or IPv6 literal (brackets allowed), or null for anything else. */
    private static byte[] literal(String ip) {
        if (ip == null || ip.isEmpty()) {
            return null;
        }
        String s = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        boolean v4 = s.chars().allMatch(c -> Character.isDigit(c) || c == '.') && s.split("\\.", -1).length == 4;
        boolean v6 = s.indexOf(':') >= 0
                && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress(); // a literal: no DNS lookup happens
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
