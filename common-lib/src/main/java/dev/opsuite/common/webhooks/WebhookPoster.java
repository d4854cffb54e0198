package dev.opsuite.common.webhooks;

import dev.opsuite.common.net.VettedUrl;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * POSTs one JSON webhook to an address {@link dev.opsuite.common.net.OutboundUrlGuard} vetted: it
 * connects to that address itself (a second DNS lookup could answer differently: rebinding), sends the
 * host name as Host and TLS SNI, verifies the certificate's host and never follows redirects. Blocking:
 * call it from a virtual or worker thread, never from an event loop.
 */
public final class WebhookPoster {
    private final HttpClient client;
    private final Duration timeout;
    private final String userAgent;

    public WebhookPoster(Vertx vertx, Duration timeout, int maxConnections, String userAgent) {
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxPoolSize(maxConnections));
    }

    /**
     * @return the receiver's HTTP status (the body is read and dropped)
     * @throws Exception when the connection fails or no answer came within the timeout
     */
    public int post(VettedUrl url, Map<String, String> headers, String body) throws Exception {
        boolean https = "https".equals(url.scheme());
        boolean defaultPort = url.port() == (https ? 443 : 80);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(
                        url.port(), url.address().getHostAddress()))
                .setHost(url.host())
                .setPort(url.port())
                .setSsl(https)
                .setURI(pathAndQuery(url))
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Host", defaultPort ? url.host() : url.host() + ":" + url.port())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", userAgent);
        headers.forEach(options::putHeader);
        return client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .toCompletionStage()
                .toCompletableFuture()
                .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    }

    private static String pathAndQuery(VettedUrl url) {
        String path = url.uri().getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        return url.uri().getRawQuery() == null ? path : path + "?" + url.uri().getRawQuery();
    }

    public void close() {
        client.close();
    }
}
