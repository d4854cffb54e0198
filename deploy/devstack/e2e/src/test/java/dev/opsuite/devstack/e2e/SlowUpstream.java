package dev.opsuite.devstack.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * A stand-in upstream mounted on the gateway by configuration: {@code GET /e2e-stream/slow} sends a
 * first chunk at once, then the last one after {@link #PAUSE}, so a test can tell a streaming proxy
 * from a buffering one.
 */
final class SlowUpstream implements AutoCloseable {
    static final Duration PAUSE = Duration.ofMillis(1500);
    static final String FIRST = "first line\n";
    static final String LAST = "last line\n";

    private final HttpServer server;

    SlowUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/e2e-stream/slow", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(FIRST.getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(PAUSE);
                out.write(LAST.getBytes(StandardCharsets.UTF_8));
            }
        });
        // a real upstream has a readiness endpoint; the gateway's status page probes it
        server.createContext("/q/health/ready", exchange -> {
            byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, up.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(up);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
