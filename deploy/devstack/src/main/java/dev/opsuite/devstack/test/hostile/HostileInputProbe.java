package dev.opsuite.devstack.test.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Attacks every operation of a running service's OpenAPI document with hostile input
 * ({@link Mutations}) plus malformed HTTP (unknown versions, missing or bad Host, oversized targets
 * and headers), and reports every answer that breaks the rules of ARCHITECTURE.md §5: a 5xx, an error
 * without {@code X-Request-Id}, an error not in the API's dialect, or no answer at all. A service's
 * test runs it and asserts the report is empty:
 *
 * <pre>
 * List&lt;String&gt; findings = HostileInputProbe.against("localhost", port)
 *         .bearer(() -&gt; TestTokens.issue("probe-admin", "admin"))
 *         .dialect(path -&gt; ErrorShape.PROBLEM)
 *         .run();
 * assertEquals(List.of(), findings);
 * </pre>
 */
public final class HostileInputProbe {
    private final RawHttp http;
    private Supplier<String> bearer = () -> null;
    private Function<String, ErrorShape> dialect = path -> ErrorShape.PROBLEM;
    private BiPredicate<String, String> skip = (method, path) -> false;
    private String openApiPath = "/q/openapi?format=json";
    private Map<String, String> pathValues = Map.of();
    private int requests;

    private HostileInputProbe(String host, int port) {
        this.http = new RawHttp(host, port);
    }

    public static HostileInputProbe against(String host, int port) {
        return new HostileInputProbe(host, port);
    }

    /** A token with the rights to reach validation (usually an admin's), asked for per request. */
    public HostileInputProbe bearer(Supplier<String> token) {
        this.bearer = token;
        return this;
    }

    /** The error dialect of a path (as the service's error configuration maps it). */
    public HostileInputProbe dialect(Function<String, ErrorShape> byPath) {
        this.dialect = byPath;
        return this;
    }

    /** Operations left out, with the reason in the caller's test (e.g. logout revokes the probe's token). */
    public HostileInputProbe skip(BiPredicate<String, String> methodAndPath) {
        this.skip = methodAndPath;
        return this;
    }

    public HostileInputProbe openApiPath(String path) {
        this.openApiPath = path;
        return this;
    }

    /** How many requests the last run sent. */
    public int requests() {
        return requests;
    }

    /** The operations the document lists (so a test can assert the probe saw all of them). */
    public List<ApiOperation> operations() throws IOException {
        RawResponse doc = http.send("GET", openApiPath, auth(Map.of()), null);
        if (doc.status() != 200) {
            throw new IOException("OpenAPI document answered " + doc.status() + ": " + doc.bodyText());
        }
        return OpenApiDocument.parse(doc.bodyText()).operations();
    }

    /** Harmless values for path parameters by name (default: values that name nothing that exists). */
    public HostileInputProbe pathValues(Map<String, String> values) {
        this.pathValues = Map.copyOf(values);
        return this;
    }

    /** Probes the operations of the service's OpenAPI document. */
    public List<String> run() throws IOException {
        return run(operations());
    }

    /** Probes the given operations (for an API no OpenAPI document describes, e.g. one that mirrors another product's). */
    public List<String> run(List<ApiOperation> operations) {
        List<String> findings = new ArrayList<>();
        requests = 0;
        for (ApiOperation op : operations) {
            if (skip.test(op.method(), op.path())) {
                continue;
            }
            for (HostileRequest request : new Mutations(op, pathValues).all()) {
                check(op.toString(), request, findings);
            }
        }
        operations.stream()
                .filter(op -> !skip.test(op.method(), op.path()))
                .findFirst()
                .ifPresent(op -> malformedHttp(op.path().replaceAll("\\{[^}]+}", "hostile-probe"), findings));
        return findings;
    }

    private void check(String operation, HostileRequest request, List<String> findings) {
        requests++;
        String label = operation + " with " + request.what();
        RawResponse response;
        try {
            response = http.send(request.method(), request.target(), auth(request.headers()), request.body());
        } catch (IOException | RuntimeException e) {
            findings.add(label + ": no answer (" + e.getMessage() + ")");
            return;
        }
        judge(label, pathOf(request.target()), request.method(), response).ifPresent(findings::add);
    }

    private Optional<String> judge(String label, String path, String method, RawResponse response) {
        // 505 is the one 5xx a client earns: it spoke an HTTP version nobody speaks
        if (response.status() >= 500 && response.status() != 505) {
            return Optional.of(label + ": " + response.status() + " " + Mutations.shorten(response.bodyText()));
        }
        if (response.status() < 400) {
            return Optional.empty();
        }
        if (response.header("x-request-id").isEmpty()) {
            return Optional.of(label + ": " + response.status() + " without X-Request-Id");
        }
        if ("HEAD".equals(method)) {
            return Optional.empty();
        }
        return dialect.apply(path).violation(response).map(v -> label + ": " + response.status() + " " + v);
    }

    /** Requests no library client would send, once per service. */
    private void malformedHttp(String path, List<String> findings) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        raw.put(
                "HTTP/9.9",
                ("GET " + path + " HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        raw.put(
                "no Host header",
                ("GET " + path + " HTTP/1.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        raw.put(
                "Host 'a b'",
                ("GET " + path + " HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        raw.put(
                "empty Host",
                ("GET " + path + " HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        raw.put(
                "a 10,000-character query",
                ("GET " + path + "?a=" + "x".repeat(10_000)
                                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        raw.put(
                "40 KiB of headers",
                ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                                + ("X-Filler: " + "f".repeat(1000) + "\r\n").repeat(40) + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, byte[]> e : raw.entrySet()) {
            requests++;
            String label = "GET " + path + " with " + e.getKey();
            try {
                RawResponse response = http.exchange(e.getValue(), null);
                if (e.getKey().startsWith("HTTP/9.9")) {
                    // 505 in the dialect from RequestGuard; Vert.x itself answers an empty 501 before any
                    // handler runs on servers without a server-level WebSocket handler (the gateway)
                    if (response.status() != 505 && response.status() != 501) {
                        findings.add(label + ": " + response.status() + " instead of 505");
                    }
                    if (response.status() == 505) {
                        judge(label, path, "GET", response).ifPresent(findings::add);
                    }
                    continue;
                }
                judge(label, path, "GET", response).ifPresent(findings::add);
                if (response.status() < 400) {
                    findings.add(label + ": accepted with " + response.status());
                }
            } catch (IOException | RuntimeException ex) {
                findings.add(label + ": no answer (" + ex.getMessage() + ")");
            }
        }
    }

    private Map<String, String> auth(Map<String, String> headers) {
        String token = bearer.get();
        if (token == null) {
            return headers;
        }
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.putIfAbsent("Authorization", "Bearer " + token);
        return out;
    }

    private static String pathOf(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }
}
