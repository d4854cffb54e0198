package dev.opsuite.gateway.routing;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * No HTTP/2 upgrade over plain HTTP (h2c) at the edge: an upgraded request that carries a chunked
 * body loses it, and the edge streams HTTP/1.1 to the services anyway. Clients that offer the
 * upgrade (Java's HttpClient does by default) simply continue in HTTP/1.1. HTTP/2 over TLS is unaffected.
 */
@ApplicationScoped
public class EdgeServerOptions implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
