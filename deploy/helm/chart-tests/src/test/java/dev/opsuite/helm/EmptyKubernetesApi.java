package dev.opsuite.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Kubernetes API server with an empty namespace, for the chart's {@code lookup} calls: Helm's template
 * action asks the cluster of {@code KUBECONFIG} for the live Secret (to keep generated values on
 * upgrade), and with no cluster at all it fails instead of rendering. This one answers the discovery
 * requests Helm makes first ({@code /api}, {@code /api/v1}, {@code /apis}) as a real API server does and
 * every object read with the API's 404 {@code Status}, which {@code lookup} turns into "not installed
 * yet": what a first install sees. Surefire points {@code KUBECONFIG} at the file written here.
 */
final class EmptyKubernetesApi {
    private static HttpServer server;

    private EmptyKubernetesApi() {}

    static synchronized void ensureStarted() {
        if (server != null) {
            return;
        }
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig == null) {
            throw new IllegalStateException(
                    "KUBECONFIG is not set: run the chart tests through Maven (surefire sets it)");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", EmptyKubernetesApi::answer);
            server.start();
            Path file = Path.of(kubeconfig);
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: empty
                      cluster:
                        server: http://127.0.0.1:%d
                    users:
                    - name: tester
                      user:
                        token: not-a-secret
                    contexts:
                    - name: empty
                      context:
                        cluster: empty
                        user: tester
                        namespace: opsuite-test
                    current-context: empty
                    """.formatted(server.getAddress().getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        String body;
        switch (path) {
            case "/api" -> body = """
                    {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}""";
            case "/api/v1" -> body = """
                    {"kind":"APIResourceList","groupVersion":"v1","resources":[
                    {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret",
                    "verbs":["create","delete","get","list","patch","update","watch"]},
                    {"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap",
                    "verbs":["create","delete","get","list","patch","update","watch"]}]}""";
            case "/apis" -> body = """
                    {"kind":"APIGroupList","apiVersion":"v1","groups":[]}""";
            default -> {
                status = 404;
                body = """
                        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
                        "message":"the server could not find the requested resource","reason":"NotFound","code":404}""";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
