package dev.opsuite.common.net;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Vets user-supplied URLs (webhooks, callbacks) before the suite calls them: http/https only, no
 * userinfo, and every address the host resolves to must be public unicast — no loopback, private,
 * link-local, ULA, CGNAT, metadata, unspecified, multicast/broadcast, also not hidden in IPv6
 * mapped/compatible/NAT64/6to4 forms or in decimal/octal/hex IPv4 spellings — unless allow-listed.
 * Blocking (DNS): call it off the event loop.
 */
@ApplicationScoped
public class OutboundUrlGuard {
    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata.google.internal",
            "metadata.goog",
            "metadata",
            "instance-data",
            "instance-data.ec2.internal",
            "metadata.azure.internal");

    /** Resolves a host name to all its addresses; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Cidr> allowedNetworks = new ArrayList<>();
    private final boolean requireHttps;
    private final Resolver resolver;

    @Inject
    public OutboundUrlGuard(OutboundConfig config) {
        this(config.allow().orElse(List.of()), config.requireHttps(), InetAddress::getAllByName);
    }

    public OutboundUrlGuard(Collection<String> allow, boolean requireHttps, Resolver resolver) {
        for (String entry : allow) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.contains("/") || e.contains(":") || e.matches("[0-9.]+")) {
                allowedNetworks.add(Cidr.parse(e));
            } else {
                allowedHosts.add(e.toLowerCase(Locale.ROOT));
            }
        }
        this.requireHttps = requireHttps;
        this.resolver = resolver;
    }

    /** @throws UnsafeUrlException with a client-safe reason */
    public VettedUrl check(String url) {
        if (url == null || url.isBlank()) {
            throw new UnsafeUrlException("URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new UnsafeUrlException("URL is malformed");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UnsafeUrlException("only http and https URLs are allowed");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new UnsafeUrlException("URL has no host");
        }
        if (authority.contains("@")) {
            throw new UnsafeUrlException("credentials in the URL are not allowed");
        }
        HostPort hp = HostPort.parse(authority, scheme.equals("https") ? 443 : 80);
        boolean hostAllowed = allowedHosts.contains(hp.host());
        if (requireHttps && !scheme.equals("https") && !hostAllowed && !literalAllowed(hp)) {
            throw new UnsafeUrlException("only https URLs are allowed");
        }
        if (!hostAllowed && (hp.host().equals("localhost") || hp.host().endsWith(".localhost"))) {
            throw new UnsafeUrlException("host " + hp.host() + " is a loopback name");
        }
        if (!hostAllowed && METADATA_HOSTS.contains(hp.host())) {
            throw new UnsafeUrlException("host " + hp.host() + " is a cloud metadata endpoint");
        }
        List<InetAddress> addresses = resolve(hp);
        for (InetAddress address : addresses) {
            if (hostAllowed || allowedNetworks.stream().anyMatch(n -> n.contains(address))) {
                continue;
            }
            Optional<String> refusal = AddressPolicy.refusal(address);
            if (refusal.isPresent()) {
                throw new UnsafeUrlException("host " + hp.host() + " resolves to a " + refusal.get() + " ("
                        + address.getHostAddress() + ")");
            }
        }
        return new VettedUrl(uri, scheme, hp.host(), hp.port(), addresses.get(0), List.copyOf(addresses));
    }

    private boolean literalAllowed(HostPort hp) {
        return hp.literal() != null && allowedNetworks.stream().anyMatch(n -> n.contains(hp.literal()));
    }

    private List<InetAddress> resolve(HostPort hp) {
        if (hp.literal() != null) {
            return List.of(hp.literal());
        }
        try {
            InetAddress[] all = resolver.resolve(hp.host());
            if (all == null || all.length == 0) {
                throw new UnsafeUrlException("host " + hp.host() + " does not resolve");
            }
            return List.of(all);
        } catch (UnknownHostException e) {
            throw new UnsafeUrlException("host " + hp.host() + " does not resolve");
        }
    }

    /** host in canonical lower-case ASCII; literal = the parsed address when the host is an IP literal. */
    record HostPort(String host, int port, InetAddress literal) {

        static HostPort parse(String authority, int defaultPort) {
            String host;
            String portText = null;
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    throw new UnsafeUrlException("URL host is malformed");
                }
                host = authority.substring(1, close);
                String rest = authority.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw new UnsafeUrlException("URL host is malformed");
                    }
                    portText = rest.substring(1);
                }
                if (host.contains("%")) {
                    throw new UnsafeUrlException("IPv6 zone identifiers are not allowed");
                }
                if (!host.matches("[0-9A-Fa-f:.]+")) {
                    throw new UnsafeUrlException("URL host is malformed");
                }
                try {
                    InetAddress literal = InetAddress.getByName(host); // literal only (checked above)
                    return new HostPort(literal.getHostAddress(), port(portText, defaultPort), literal);
                } catch (UnknownHostException e) {
                    throw new UnsafeUrlException("URL host is malformed");
                }
            }
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                portText = authority.substring(colon + 1);
            } else {
                host = authority;
            }
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (host.isEmpty() || host.contains("%")) {
                throw new UnsafeUrlException("URL host is malformed");
            }
            String ascii;
            try {
                ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new UnsafeUrlException("URL host is malformed");
            }
            int port = port(portText, defaultPort);
            if (Ipv4Literals.looksNumeric(ascii)) {
                InetAddress literal = Ipv4Literals.parse(ascii)
                        .orElseThrow(() -> new UnsafeUrlException("URL host is not a valid IPv4 address"));
                return new HostPort(ascii, port, literal);
            }
            return new HostPort(ascii, port, null);
        }

        private static int port(String text, int defaultPort) {
            if (text == null || text.isEmpty()) {
                return defaultPort;
            }
            try {
                int p = Integer.parseInt(text);
                if (p < 1 || p > 65535) {
                    throw new UnsafeUrlException("URL port is out of range");
                }
                return p;
            } catch (NumberFormatException e) {
                throw new UnsafeUrlException("URL port is malformed");
            }
        }
    }
}
