package dev.opsuite.devstack.pve;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node's pveproxy: HTTPS with the node's own self-signed certificate, HTTP/1.1, keep-alive
 * closed after 5 s idle (as pveproxy does), API token authentication, and PVE's wire form on every
 * answer. Stopping it makes the node offline for the rest of the cluster.
 */
public final class PveTestNode {
    private static final String API = "/api2/json";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final Vertx vertx;
    private final String name;
    private final PveState state;
    private final PveApi api;
    private final PveTestCluster cluster;
    private final SelfSignedTls tls;
    private volatile int port;
    private volatile HttpServer server;

    PveTestNode(Vertx vertx, String name, PveState state, PveApi api, PveTestCluster cluster, int port) {
        this.vertx = vertx;
        this.name = name;
        this.state = state;
        this.api = api;
        this.cluster = cluster;
        this.port = port;
        this.tls = SelfSignedTls.generate(name);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** SHA-256 of this node's certificate, {@code AA:BB:…} as PVE shows it. */
    public String fingerprint() {
        return tls.fingerprint();
    }

    public String certificatePem() {
        return tls.certificatePem();
    }

    public boolean running() {
        return server != null;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setSsl(true)
                .setUseAlpn(false)
                .setIdleTimeout(5)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(tls.certificatePem()))
                        .setKeyValue(Buffer.buffer(tls.privateKeyPem())));
        HttpServer s = vertx.createHttpServer(options).requestHandler(this::handle);
        HttpServer started = await(s.listen());
        port = started.actualPort();
        server = started;
        state.setOnline(name, true);
    }

    /** Closes the listener and every open connection: the node is down. */
    public synchronized void stop() {
        HttpServer s = server;
        server = null;
        state.setOnline(name, false);
        if (s != null) {
            await(s.close());
        }
    }

    private void handle(HttpServerRequest request) {
        request.body().onComplete(body -> {
            if (body.failed()) {
                request.connection().close();
                return;
            }
            try {
                respond(request, body.result());
            } catch (RuntimeException e) {
                write(request.response(), PveReply.error(500, "internal error: " + e.getMessage()));
            }
        });
    }

    private void respond(HttpServerRequest request, Buffer body) {
        HttpServerResponse response = request.response();
        String path = request.path();
        if (path.startsWith(PveTestControl.PREFIX)) {
            cluster.control().handle(request, response, body);
            return;
        }
        state.count(request.uri());
        if (!path.startsWith(API + "/") && !path.equals(API)) {
            write(response, PveReply.error(501, "Unknown path"));
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            write(response, PveReply.unauthorized("No ticket"));
            return;
        }
        if (!cluster.acceptsToken(authorization)) {
            write(response, PveReply.unauthorized("invalid token value!"));
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        request.params().forEach(params::put);
        PveReply bad = readBody(request, body, params);
        if (bad != null) {
            write(response, bad);
            return;
        }
        String apiPath = URLDecoder.decode(path.substring(API.length()), StandardCharsets.UTF_8);
        PveRequest call = new PveRequest(name, request.method().name(), apiPath, params, cluster.tokenUser());
        api.handle(call)
                .onComplete(done -> write(
                        response,
                        done.succeeded()
                                ? done.result()
                                : PveReply.error(
                                        500, String.valueOf(done.cause().getMessage()))));
    }

    /** PVE takes parameters from the query, a form body or a JSON object body. */
    private static PveReply readBody(HttpServerRequest request, Buffer body, Map<String, String> params) {
        if (body.length() == 0) {
            return null;
        }
        String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase();
        if (type.startsWith("application/json")) {
            try {
                JsonObject json = body.toJsonObject();
                json.forEach(e -> params.put(
                        e.getKey(),
                        e.getValue() instanceof Boolean b ? (b ? "1" : "0") : String.valueOf(e.getValue())));
            } catch (DecodeException | ClassCastException e) {
                return PveReply.error(400, "malformed JSON");
            }
            return null;
        }
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.add(k, v);
        }
        form.forEach(params::put);
        return null;
    }

    static void write(HttpServerResponse response, PveReply reply) {
        String now = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        response.setStatusCode(reply.status())
                .setStatusMessage(reply.reason())
                .putHeader("Server", "pve-api-daemon/3.0")
                .putHeader("Cache-Control", "max-age=0")
                .putHeader("Pragma", "no-cache")
                .putHeader("Date", now)
                .putHeader("Expires", now);
        if (reply.body() == null) {
            response.putHeader("Content-Length", "0").end();
            return;
        }
        response.putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(reply.body().encode());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PVE test node: " + e.getMessage(), e);
        }
    }
}
