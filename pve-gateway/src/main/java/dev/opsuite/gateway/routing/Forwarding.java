package dev.opsuite.gateway.routing;

import java.util.Optional;

/**
 * What the gateway tells an upstream about the original request.
 *
 * @param trustedPeer   the direct peer is a configured proxy, so its X-Forwarded-* are extended rather than replaced
 * @param authorization replacement Authorization header (an internal JWT for API-token callers)
 */
record Forwarding(
        String requestId,
        String clientIp,
        boolean trustedPeer,
        String scheme,
        String host,
        String traceparent,
        Optional<String> authorization) {}
