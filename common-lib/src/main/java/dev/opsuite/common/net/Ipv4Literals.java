package dev.opsuite.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IPv4 literals the way inet_aton does (and thus curl, browsers' older parsers and libc
 * resolvers): 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the
 * remaining bytes. "2130706433", "0x7f.1", "0177.0.0.1" and "127.1" are all 127.0.0.1.
 */
final class Ipv4Literals {
    private static final Pattern NUMERIC_HOST = Pattern.compile("(?i)[0-9a-fx.]+");
    private static final Pattern PART = Pattern.compile("(?i)0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*");

    private Ipv4Literals() {}

    /** True when a host name consists only of characters an IPv4 literal could use and has a digit start. */
    static boolean looksNumeric(String host) {
        return NUMERIC_HOST.matcher(host).matches()
                && Character.isDigit(host.charAt(0))
                && host.chars().filter(c -> c == '.').count() <= 3;
    }

    /** The address, or empty when the string is not a valid inet_aton literal. */
    static Optional<InetAddress> parse(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || !PART.matcher(p).matches()) {
                return Optional.empty();
            }
            try {
                if (p.length() > 1 && (p.startsWith("0x") || p.startsWith("0X"))) {
                    values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    values[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        long result = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            result |= values[i] << (24 - 8 * i);
        }
        long last = values[values.length - 1];
        long lastMax = (1L << (8 * (4 - (values.length - 1)))) - 1;
        if (last > lastMax) {
            return Optional.empty();
        }
        result |= last;
        byte[] bytes = {(byte) (result >>> 24), (byte) (result >>> 16), (byte) (result >>> 8), (byte) result};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
