package dev.opsuite.gateway.routing;

import io.vertx.core.MultiMap;

/**
 * Shapes the request headers an upstream receives. Everything end-to-end (Content-Encoding, ETag,
 * If-Match, Range, Idempotency-Key, X-Session-Id, …) passes untouched; only hop-by-hop headers go,
 * and the forwarding, request id, trace and (for API tokens) authorization headers are set.
 */
final class UpstreamHeaders {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private UpstreamHeaders() {}

    static void apply(MultiMap headers, Forwarding f, boolean websocket) {
        HopByHop.strip(headers, websocket);
        // the gateway answers 100-continue itself once it has accepted the request
        headers.remove("Expect");
        headers.set("X-Request-Id", f.requestId());

        String previous = String.join(", ", headers.getAll(X_FORWARDED_FOR));
        headers.set(
                X_FORWARDED_FOR,
                f.trustedPeer() && !previous.isBlank() ? previous + ", " + f.clientIp() : f.clientIp());
        if (!f.trustedPeer() || !headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, f.scheme());
        }
        if (!f.trustedPeer() || !headers.contains(X_FORWARDED_HOST)) {
            if (f.host() != null) {
                headers.set(X_FORWARDED_HOST, f.host());
            } else {
                headers.remove(X_FORWARDED_HOST);
            }
        }
        if (!f.trustedPeer()) {
            // other spellings of the same claim, which an untrusted client must not be able to make
            headers.remove("Forwarded");
            headers.remove("X-Real-IP");
        }
        headers.set("traceparent", f.traceparent());
        f.authorization().ifPresent(value -> headers.set("Authorization", value));
    }
}
