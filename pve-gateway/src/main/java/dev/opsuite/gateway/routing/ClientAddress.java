package dev.opsuite.gateway.routing;

import dev.opsuite.common.net.TrustedProxies;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;
import java.util.List;

/** The direct peer's IP, whether it is a trusted proxy in front of the gateway, and the real client behind it. */
@Singleton
public class ClientAddress {

    private final TrustedProxies proxies;

    public ClientAddress(RoutingConfig config) {
        this.proxies = new TrustedProxies(config.trustedProxies().orElse(List.of()));
    }

    public String peerIp(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.hostAddress() != null ? remote.hostAddress() : remote.host();
    }

    /** The originating client: see {@link TrustedProxies#clientIp}. */
    public String clientIp(HttpServerRequest request) {
        return proxies.clientIp(peerIp(request), request.headers().getAll("X-Forwarded-For"));
    }

    public boolean isTrusted(String ip) {
        return proxies.isTrusted(ip);
    }
}
