package dev.opsuite.common.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.opsuite.common.net.VettedUrl;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP receiver on loopback, reached under a name that does not resolve. */
class WebhookPosterTest {
    record Received(String method, String uri, Map<String, List<String>> headers, String body) {}

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private HttpServer receiver;
    private Vertx vertx;
    private WebhookPoster poster;
    private volatile int answer = 204;
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(),
                    new String(body, StandardCharsets.UTF_8)));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (answer == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            if (answer == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] text = "noted".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, text.length);
                exchange.getResponseBody().write(text);
            }
            exchange.close();
        });
        receiver.start();
        vertx = Vertx.vertx();
        poster = new WebhookPoster(vertx, Duration.ofSeconds(1), 2, "opsuite-test/1");
    }

    @AfterEach
    void stop() {
        poster.close();
        vertx.close();
        receiver.stop(0);
    }

    private VettedUrl url(String pathAndQuery) {
        int port = receiver.getAddress().getPort();
        // the host name never resolves: the poster must connect to the vetted address, not look it up
        URI uri = URI.create("http://hooks.invalid:" + port + pathAndQuery);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new VettedUrl(uri, "http", "hooks.invalid", port, loopback, List.of(loopback));
    }

    @Test
    void postsTheBodyAndHeadersToTheVettedAddressWithTheHostNameAsHost() throws Exception {
        Map<String, String> signed =
                StandardWebhooks.headers(StandardWebhooks.generateSecret(), "msg_1", 1700000000L, "{}");
        assertEquals(204, poster.post(url("/hooks/in?tenant=a%20b"), signed, "{\"event\":\"x\"}"));

        Received r = received.poll(5, TimeUnit.SECONDS);
        assertEquals("POST", r.method());
        assertEquals("/hooks/in?tenant=a%20b", r.uri());
        assertEquals("{\"event\":\"x\"}", r.body());
        assertEquals(
                "hooks.invalid:" + receiver.getAddress().getPort(),
                r.headers().get("Host").get(0));
        assertEquals("application/json", r.headers().get("Content-type").get(0));
        assertEquals("opsuite-test/1", r.headers().get("User-agent").get(0));
        assertEquals("msg_1", r.headers().get("Webhook-id").get(0));
        assertEquals(
                signed.get("webhook-signature"),
                r.headers().get("Webhook-signature").get(0));
    }

    @Test
    void aRedirectIsAnAnswerNotFollowed() throws Exception {
        answer = 302;
        assertEquals(302, poster.post(url(""), Map.of(), "{}"));
        Received r = received.poll(5, TimeUnit.SECONDS);
        assertEquals("/", r.uri(), "an empty path is sent as /");
        assertNull(received.poll(300, TimeUnit.MILLISECONDS), "the redirect target was never asked");
    }

    @Test
    void aReceiverSlowerThanTheTimeoutIsAFailure() {
        delayMillis = 2500;
        assertThrows(Exception.class, () -> poster.post(url("/slow"), Map.of(), "{}"));
    }
}
