package dev.opsuite.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.gateway.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EdgeStreamingTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void firstChunkOfAStreamedResponseArrivesBeforeTheUpstreamFinishes() throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gateway + "echo/stream"))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertEquals("{\"n\":1}", lines.readLine());
            long firstLineMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals("{\"n\":2}", lines.readLine());
            long secondLineMs = (System.nanoTime() - start) / 1_000_000;

            // the upstream holds the second chunk back for 1.5 s
            assertTrue(firstLineMs < 1000, "first line after " + firstLineMs + " ms");
            assertTrue(secondLineMs >= 1400, "second line after " + secondLineMs + " ms");
        }
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/x-ndjson",
                response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void chunkedUploadStreamsToTheUpstreamWhileTheClientIsStillSending() throws Exception {
        try (RawHttp client = new RawHttp(gateway)) {
            client.send("POST /echo/upload HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\n"
                    + "Transfer-Encoding: chunked\r\nContent-Type: application/octet-stream\r\n\r\n");
            client.sendChunk(new byte[4096]);
            Thread.sleep(1200);
            client.sendChunk(new byte[4096]);
            client.send("0\r\n\r\n");

            String head = client.readHead();
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            JsonObject seen = new JsonObject(
                    client.readSome(4096).replaceAll("(?s)^[0-9a-f]+\r\n", "").replaceAll("(?s)\r\n.*$", ""));
            assertEquals(8192, seen.getLong("bytes"));
            assertTrue(seen.getBoolean("chunked"));
            // the upstream saw the first bytes long before the last: nothing waited for the whole body
            assertTrue(seen.getLong("first_to_end_ms") >= 1000, seen.encode());
        }
    }

    @Test
    void chunkedUploadFromAClientOfferingH2cArrivesWhole() throws Exception {
        // Java's HttpClient offers "Upgrade: h2c" on plain HTTP; the edge declines and stays on HTTP/1.1
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gateway + "echo/upload"))
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(new byte[10_000])))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        assertEquals(10_000, new JsonObject(response.body()).getLong("bytes"));
    }

    @Test
    void webSocketUpgradePassesThroughAndEchoes() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create(gateway.toString().replaceFirst("^http", "ws") + "ws-echo"),
                        new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    received.complete(text.toString());
                                }
                                webSocket.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);

        ws.sendText("hello through the gateway", true).get(5, TimeUnit.SECONDS);
        assertEquals("hello through the gateway", received.get(10, TimeUnit.SECONDS));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }
}
