package dev.opsuite.common.net;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A URL that passed {@link OutboundUrlGuard}. Connect to {@link #address()} (with {@link #host()} as
 * the TLS SNI / Host header), never re-resolve the name: a second lookup could answer differently
 * (DNS rebinding).
 *
 * @param addresses every address the host resolved to, all vetted
 */
public record VettedUrl(
        URI uri, String scheme, String host, int port, InetAddress address, List<InetAddress> addresses) {}
