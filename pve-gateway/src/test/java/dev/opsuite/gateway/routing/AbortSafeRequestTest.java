package dev.opsuite.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy resets the upstream request when its client goes away. Once the upstream response has
 * been read, the pooled connection already serves the next request, and that one must not fail.
 */
class AbortSafeRequestTest {

    private Vertx vertx;
    private HttpServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(r -> r.response().end("ok"))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        // one connection: the second request necessarily reuses the first one's
        client =
                vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(1).setKeepAlive(true));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aResetAfterTheUpstreamAnsweredDoesNotFailTheNextRequestOnTheConnection() throws Exception {
        assertEquals("ok", secondRequestAfterResettingTheFirst(raw -> AbortSafeRequest.wrap(vertx, raw)));
    }

    @Test
    void withoutTheGuardTheNextRequestOnTheConnectionFails() throws Exception {
        // documents the Vert.x behaviour the guard exists for
        assertEquals("failed", secondRequestAfterResettingTheFirst(UnaryOperator.identity()));
    }

    private String secondRequestAfterResettingTheFirst(UnaryOperator<HttpClientRequest> wrap) throws Exception {
        CompletableFuture<String> second = new CompletableFuture<>();
        RequestOptions options = new RequestOptions()
                .setHost("127.0.0.1")
                .setPort(server.actualPort())
                .setURI("/");
        vertx.runOnContext(v -> client.request(options).onSuccess(raw -> {
            HttpClientRequest first = wrap.apply(raw);
            first.send()
                    .compose(HttpClientResponse::body)
                    .onSuccess(body ->
                            // the connection is back in the pool: the next request takes it
                            client.request(options).onSuccess(next -> {
                                next.send()
                                        .compose(HttpClientResponse::body)
                                        .onComplete(ar -> second.complete(
                                                ar.succeeded() ? ar.result().toString() : "failed"));
                                // what the proxy does when the client of the first exchange has gone
                                first.reset();
                            }));
        }));
        return second.get(10, TimeUnit.SECONDS);
    }
}
