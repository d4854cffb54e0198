package dev.opsuite.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real HTTP servers standing in for the suite's services, each on its own free port, mounted on
 * the gateway purely through route configuration (as an operator would add a route):
 * <ul>
 * <li>{@code echo} (/echo, /ws-echo, /limited): describes the request it got as JSON; sub-paths for
 * a custom reason phrase, a slow chunked stream, a timed chunked upload and a WebSocket echo;</li>
 * <li>{@code slow}: answers after 3 s (route timeout 300 ms → 504);</li>
 * <li>{@code breaker}: slow or fast on command, counting requests;</li>
 * <li>{@code down}: a port nobody listens on (→ 502);</li>
 * <li>{@code balanced}: two instances {@code a} and {@code b} of one upstream, each answering
 * {@code instance <x> <method> <body>}; {@code failover} lists a dead port before instance {@code b};
 * {@code all-down} lists two dead ports.</li>
 * </ul>
 * Every server counts hits per path at {@code GET /__hits?path=…} (not proxied; tests call it directly).
 */
public class TestUpstreams implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        int echo = listen(new Echo()::handle);
        int slow = listen(TestUpstreams::slow);
        Breaker breaker = new Breaker();
        int breakerPort = listen(breaker::handle);
        // distinct dead ports: circuits are per origin, and these must not share one
        int[] dead = distinctFreePorts(4);
        int down = dead[0];
        int hangup = listen(TestUpstreams::hangUpOnLargeBodies);
        int instanceA = listen(request -> instance(vertx, "a", request));
        int instanceB = listen(request -> instance(vertx, "b", request));
        int leastA = listen(request -> instance(vertx, "least-a", request));
        int leastB = listen(request -> instance(vertx, "least-b", request));
        int deadFirst = dead[1];
        int deadSecond = dead[2];

        Map<String, String> config = new HashMap<>();
        route(config, "echo", "http://127.0.0.1:" + echo, "/echo,/ws-echo", "2s", 0, 1);
        route(config, "limited", "http://127.0.0.1:" + echo, "/limited", "2s", 1, 3);
        route(config, "slow", "http://127.0.0.1:" + slow, "/slow", "300ms", 0, 1);
        route(config, "breaker", "http://127.0.0.1:" + breakerPort, "/breaker", "200ms", 0, 1);
        route(config, "down", "http://127.0.0.1:" + down, "/down", "2s", 0, 1);
        route(config, "small", "http://127.0.0.1:" + hangup, "/small", "2s", 0, 1);
        config.put("opsuite.gateway.routes.small.max-body-size", "64K");
        route(
                config,
                "balanced",
                "http://127.0.0.1:" + instanceA + ", http://127.0.0.1:" + instanceB,
                "/balanced",
                "2s",
                0,
                1);
        // named like the real services' upstreams: /api/v1/status reports the balanced instances under it
        config.put("opsuite.gateway.upstream.pair", "http://127.0.0.1:" + instanceA + ",http://127.0.0.1:" + instanceB);
        route(config, "least", "http://127.0.0.1:" + leastA + ",http://127.0.0.1:" + leastB, "/least", "5s", 0, 1);
        config.put("opsuite.gateway.routes.least.balance", "least-outstanding");
        route(
                config,
                "failover",
                "http://127.0.0.1:" + deadFirst + ",http://127.0.0.1:" + instanceB,
                "/failover",
                "2s",
                0,
                1);
        route(
                config,
                "all-down",
                "http://127.0.0.1:" + deadSecond + ",http://127.0.0.1:" + dead[3],
                "/all-down",
                "2s",
                0,
                1);
        config.put("opsuite.gateway.breaker.failure-threshold", "3");
        config.put("opsuite.gateway.breaker.open-duration", "1s");
        config.put("opsuite.gateway.status-probe-timeout", "500ms");
        config.put("opsuite.identity.admin-password", TestAuth.ADMIN_PASSWORD);
        config.put("opsuite.identity.bcrypt-cost", "4");
        // every test logs in from 127.0.0.1: the per-address ceiling (unit-tested in LoginThrottleTest)
        // must not turn the hostile-input probe's failed logins into 429s for the other tests
        config.put("opsuite.identity.login.per-ip-burst", "1000");
        // the real services are not running in these tests: keep their routes but point them nowhere
        for (String name : List.of("telemetry", "telemetry-ingest", "deployment", "l10n", "automation")) {
            config.put("opsuite.gateway.routes." + name + ".url", "http://127.0.0.1:" + down);
        }
        return config;
    }

    private static void route(
            Map<String, String> config,
            String name,
            String url,
            String prefixes,
            String timeout,
            double perSecond,
            int burst) {
        String p = "opsuite.gateway.routes." + name + ".";
        config.put(p + "url", url);
        config.put(p + "prefixes", prefixes);
        config.put(p + "timeout", timeout);
        config.put(p + "rate-limit.per-second", Double.toString(perSecond));
        config.put(p + "rate-limit.burst", Integer.toString(burst));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
        }
    }

    private int listen(io.vertx.core.Handler<HttpServerRequest> handler) {
        Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/__hits")) {
                AtomicInteger n = hits.get(request.getParam("path"));
                request.response().end(Integer.toString(n == null ? 0 : n.get()));
                return;
            }
            hits.computeIfAbsent(request.path(), k -> new AtomicInteger()).incrementAndGet();
            handler.handle(request);
        });
        return server.listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .actualPort();
    }

    private static int[] distinctFreePorts(int n) {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                    // only held to keep the ports distinct
                }
            }
        }
    }

    /**
     * One instance of a replicated upstream: says which it is, and what it received. {@code …/hold}
     * answers after 2 s, {@code …/events} is an SSE stream of three events, and a WebSocket upgrade
     * echoes each message prefixed with the instance.
     */
    private static void instance(Vertx vertx, String name, HttpServerRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            request.toWebSocket()
                    .onSuccess(ws -> ws.textMessageHandler(text -> ws.writeTextMessage(name + ": " + text)));
            return;
        }
        if (request.path().endsWith("/events")) {
            HttpServerResponse response = request.response()
                    .setChunked(true)
                    .putHeader("Content-Type", "text/event-stream")
                    .putHeader("X-Instance", name);
            for (int i = 1; i <= 3; i++) {
                int n = i;
                vertx.setTimer(100L * n, t -> {
                    response.write("id: " + n + "\ndata: " + name + " event " + n + "\n\n");
                    if (n == 3) {
                        response.end();
                    }
                });
            }
            return;
        }
        long delay = request.path().endsWith("/hold") ? 2000 : 0;
        request.body()
                .onSuccess(body -> vertx.setTimer(
                        Math.max(1, delay),
                        t -> request.response()
                                .putHeader("X-Instance", name)
                                .end("instance " + name + " " + request.method().name() + " " + body.toString())));
    }

    /** Like a service with a 64 KiB body limit: hangs up on anything larger. */
    private static void hangUpOnLargeBodies(HttpServerRequest request) {
        long[] seen = {0};
        request.handler(chunk -> {
            seen[0] += chunk.length();
            if (seen[0] > 64 * 1024) {
                request.connection().close();
            }
        });
        request.endHandler(v -> {
            if (seen[0] <= 64 * 1024) {
                request.response().end("received " + seen[0]);
            }
        });
    }

    private static void slow(HttpServerRequest request) {
        request.response().setChunked(true);
        Vertx.currentContext().owner().setTimer(3000, id -> request.response().end("too late"));
    }

    /** Fast or slow on command ({@code POST /control/ok|slow}); slow = longer than the route timeout. */
    static final class Breaker {
        private final AtomicBoolean slow = new AtomicBoolean(true);

        void handle(HttpServerRequest request) {
            if (request.path().startsWith("/control/")) {
                slow.set(request.path().endsWith("/slow"));
                request.response().end("mode set");
                return;
            }
            if (slow.get()) {
                Vertx.currentContext()
                        .owner()
                        .setTimer(1000, id -> request.response().end("slow answer"));
            } else {
                request.response().end("fast answer");
            }
        }
    }

    static final class Echo {
        void handle(HttpServerRequest request) {
            switch (request.path()) {
                case "/ws-echo" -> request.toWebSocket().onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage));
                case "/echo/reason" ->
                    request.response()
                            .setStatusCode(409)
                            .setStatusMessage("Parameter verification failed.")
                            .putHeader("Content-Type", "application/json")
                            .end("{\"data\":null}");
                case "/echo/stream" -> stream(request);
                case "/echo/upload" -> upload(request);
                case "/echo/gzip" ->
                    request.response()
                            .putHeader("Content-Encoding", "gzip")
                            .putHeader("Content-Type", "text/plain")
                            .end(Buffer.buffer(Gzip.compress("compressed by the upstream")));
                default -> describe(request);
            }
        }

        private static void describe(HttpServerRequest request) {
            request.body().onSuccess(body -> {
                JsonObject headers = new JsonObject();
                request.headers()
                        .forEach(h -> headers.put(
                                h.getKey().toLowerCase(),
                                headers.getJsonArray(h.getKey().toLowerCase(), new JsonArray())
                                        .add(h.getValue())));
                JsonObject json = new JsonObject()
                        .put("method", request.method().name())
                        .put("uri", request.uri())
                        .put("headers", headers)
                        .put("body_base64", java.util.Base64.getEncoder().encodeToString(body.getBytes()));
                request.response()
                        .putHeader("Content-Type", "application/json")
                        .putHeader("ETag", "\"v1\"")
                        .putHeader("X-Upstream", "echo")
                        .putHeader("Keep-Alive", "timeout=5")
                        .putHeader("Connection", "keep-alive, X-Hop-Response")
                        .putHeader("X-Hop-Response", "must not reach the client")
                        .end(json.encode());
            });
        }

        /** First chunk at once, the second 1.5 s later: a buffering proxy would deliver both at the end. */
        private static void stream(HttpServerRequest request) {
            var response = request.response().setChunked(true).putHeader("Content-Type", "application/x-ndjson");
            response.write("{\"n\":1}\n");
            Vertx.currentContext().owner().setTimer(1500, id -> response.end("{\"n\":2}\n"));
        }

        /** Reports when the first and the last request bytes arrived, relative to each other. */
        private static void upload(HttpServerRequest request) {
            long[] first = {-1};
            long[] bytes = {0};
            request.handler(chunk -> {
                if (first[0] < 0) {
                    first[0] = System.nanoTime();
                }
                bytes[0] += chunk.length();
            });
            request.endHandler(v -> request.response()
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("bytes", bytes[0])
                            .put("chunked", "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding")))
                            .put("first_to_end_ms", first[0] < 0 ? 0 : (System.nanoTime() - first[0]) / 1_000_000)
                            .encode()));
        }
    }
}
