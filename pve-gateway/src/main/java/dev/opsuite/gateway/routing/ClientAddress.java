package dev.opsuite.gateway.routing;

import dev.opsuite.common.net.Cidr;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;

/** The direct peer's IP, whether it is a trusted proxy in front of the gateway, and the real client behind it. */
@Singleton
public class ClientAddress {

    private final List<Cidr> trusted;

    public ClientAddress(RoutingConfig config) {
        this.trusted = config.trustedProxies().orElse(List.of()).stream()
                .filter(s -> !s.isBlank())
                .map(Cidr::parse)
                .toList();
    }

    public String peerIp(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.hostAddress() != null ? remote.hostAddress() : remote.host();
    }

    /**
     * The originating client: the peer, or when the peer is a trusted proxy, the right-most address
     * in X-Forwarded-For that is not itself a trusted proxy (entries left of it could be forged).
     */
    public String clientIp(HttpServerRequest request) {
        String peer = peerIp(request);
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = request.headers().getAll("X-Forwarded-For").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return peer;
    }

    public boolean isTrusted(String ip) {
        return trusted.stream().anyMatch(c -> c.contains(ip));
    }
}
