package dev.opsuite.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an address is one the suite must never call on a user's behalf. Returns the
 * reason, or empty for a public unicast address. IPv6 forms that embed an IPv4 address (mapped,
 * compatible, NAT64, 6to4) are judged by the embedded address.
 */
final class AddressPolicy {

    private record Range(Cidr cidr, String reason) {}

    private static final List<Range> V4 = List.of(
            new Range(Cidr.parse("0.0.0.0/8"), "unspecified address"),
            new Range(Cidr.parse("127.0.0.0/8"), "loopback address"),
            new Range(Cidr.parse("10.0.0.0/8"), "private address"),
            new Range(Cidr.parse("172.16.0.0/12"), "private address"),
            new Range(Cidr.parse("192.168.0.0/16"), "private address"),
            new Range(Cidr.parse("169.254.169.254/32"), "cloud metadata address"),
            new Range(Cidr.parse("169.254.0.0/16"), "link-local address"),
            new Range(Cidr.parse("100.64.0.0/10"), "carrier-grade NAT address"),
            new Range(Cidr.parse("192.0.0.0/24"), "reserved address"),
            new Range(Cidr.parse("192.0.2.0/24"), "documentation address"),
            new Range(Cidr.parse("198.18.0.0/15"), "benchmarking address"),
            new Range(Cidr.parse("198.51.100.0/24"), "documentation address"),
            new Range(Cidr.parse("203.0.113.0/24"), "documentation address"),
            new Range(Cidr.parse("224.0.0.0/4"), "multicast address"),
            new Range(Cidr.parse("255.255.255.255/32"), "broadcast address"),
            new Range(Cidr.parse("240.0.0.0/4"), "reserved address"));

    private static final List<Range> V6 = List.of(
            new Range(Cidr.parse("::/128"), "unspecified address"),
            new Range(Cidr.parse("::1/128"), "loopback address"),
            new Range(Cidr.parse("fd00:ec2::254/128"), "cloud metadata address"),
            new Range(Cidr.parse("fe80::/10"), "link-local address"),
            new Range(Cidr.parse("fec0::/10"), "site-local address"),
            new Range(Cidr.parse("fc00::/7"), "unique local address"),
            new Range(Cidr.parse("ff00::/8"), "multicast address"),
            new Range(Cidr.parse("100::/64"), "discard-only address"),
            new Range(Cidr.parse("2001:db8::/32"), "documentation address"),
            new Range(Cidr.parse("2001::/32"), "Teredo tunnel address"));

    private AddressPolicy() {}

    static Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet4Address) {
            return check(V4, address);
        }
        byte[] b = address.getAddress();
        Optional<InetAddress> embedded = embeddedV4(b);
        if (embedded.isPresent()) {
            return refusal(embedded.get())
                    .map(r -> r + " (embedded in IPv6 " + ((Inet6Address) address).getHostAddress() + ")");
        }
        return check(V6, address);
    }

    private static Optional<String> check(List<Range> ranges, InetAddress address) {
        for (Range range : ranges) {
            if (range.cidr().contains(address)) {
                return Optional.of(range.reason());
            }
        }
        return Optional.empty();
    }

    /** IPv4 inside ::ffff:0:0/96 (mapped), ::/96 (compatible), 64:ff9b::/96 (NAT64), 2002::/16 (6to4). */
    static Optional<InetAddress> embeddedV4(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        boolean mapped = firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = firstTenZero && b[10] == 0 && b[11] == 0 && !isZeroOrOne(b);
        boolean nat64 = (b[0] & 0xff) == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return Optional.of(v4(b[12], b[13], b[14], b[15]));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(v4(b[2], b[3], b[4], b[5]));
        }
        return Optional.empty();
    }

    private static boolean isZeroOrOne(byte[] b) {
        return allZero(b, 0, 15) && (b[15] == 0 || b[15] == 1);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
