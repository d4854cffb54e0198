package dev.opsuite.devstack.launcher;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * Stands in for a packaged Quarkus service in launcher tests: listens on QUARKUS_HTTP_PORT, answers
 * /q/health/ready with 200 and /env with the environment it was given. Fails on purpose (exit 3)
 * when FAKE_FAIL names its role.
 */
public final class FakeService {
    private FakeService() {}

    public static void main(String[] args) throws IOException {
        String role = System.getenv("QUARKUS_DATASOURCE_USERNAME");
        if (role != null && role.equals(System.getenv("FAKE_FAIL"))) {
            System.out.println(
                    "2026-01-01 00:00:00,000 ERROR [io.quarkus.runtime] (main) " + role + " cannot start: boom");
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/q/health/ready", exchange -> respond(exchange, "{\"status\":\"UP\"}"));
        server.createContext("/env", exchange -> {
            StringBuilder body = new StringBuilder();
            new TreeMap<>(System.getenv())
                    .forEach((k, v) -> body.append(k).append('=').append(v).append('\n'));
            respond(exchange, body.toString());
        });
        server.start();
        System.out.println("2026-01-01 00:00:00,000 INFO  [io.quarkus] (main) fake " + role
                + " started in 0.1s. Listening on: http://localhost:" + port);
        System.out.println("2026-01-01 00:00:00,000 DEBUG [io.quarkus] (main) not for the console");
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
