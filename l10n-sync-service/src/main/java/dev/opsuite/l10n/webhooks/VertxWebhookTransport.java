package dev.opsuite.l10n.webhooks;

import dev.opsuite.common.net.VettedUrl;
import dev.opsuite.l10n.L10nConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Connects to the vetted address itself (no second DNS lookup: no rebinding), sends the host name as
 * Host and TLS SNI, never follows redirects.
 */
@ApplicationScoped
public class VertxWebhookTransport implements WebhookTransport {
    private final L10nConfig config;
    private final HttpClient client;

    public VertxWebhookTransport(Vertx vertx, L10nConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.webhooks().timeout().toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxPoolSize(10));
    }

    @Override
    public int post(VettedUrl url, Map<String, String> headers, String body) throws Exception {
        String path = url.uri().getRawPath() == null || url.uri().getRawPath().isEmpty()
                ? "/"
                : url.uri().getRawPath();
        if (url.uri().getRawQuery() != null) {
            path += "?" + url.uri().getRawQuery();
        }
        boolean defaultPort = url.port() == ("https".equals(url.scheme()) ? 443 : 80);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(
                        url.port(), url.address().getHostAddress()))
                .setHost(url.host())
                .setPort(url.port())
                .setSsl("https".equals(url.scheme()))
                .setURI(path)
                .setFollowRedirects(false)
                .setIdleTimeout(config.webhooks().timeout().toMillis())
                .putHeader("Host", defaultPort ? url.host() : url.host() + ":" + url.port())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "opsuite-l10n-webhooks/1");
        headers.forEach(options::putHeader);
        long timeout = config.webhooks().timeout().toMillis();
        return client.request(options)
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(ignored -> resp.statusCode()))
                .toCompletionStage()
                .toCompletableFuture()
                .get(timeout + 500, TimeUnit.MILLISECONDS);
    }
}
