package dev.opsuite.gateway.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network, e.g. {@code 10.0.0.0/8}, {@code ::1/128} or a bare address. */
public final class Cidr {

    private final byte[] network;
    private final int bits;

    private Cidr(byte[] network, int bits) {
        this.network = network;
        this.bits = bits;
    }

    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP network: " + text);
        }
        int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
        if (bits < 0 || bits > bytes.length * 8) {
            throw new IllegalArgumentException("bad prefix length: " + text);
        }
        return new Cidr(bytes, bits);
    }

    /** False for anything that is not an IP literal of the same family. */
    public boolean contains(String ip) {
        byte[] candidate = literal(ip);
        if (candidate == null || candidate.length != network.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    /** Parses only IP literals: never resolves a host name. */
    private static byte[] literal(String ip) {
        if (ip == null || ip.isEmpty()) {
            return null;
        }
        String s = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        boolean v4 = s.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        boolean v6 = s.indexOf(':') >= 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        if (!v4 && !v6) {
            return null;
        }
        if (v4 && s.split("\\.", -1).length != 4) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
