package dev.opsuite.devstack.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stdlib-only Python web app in a temp folder, with a requirements.txt that needs no network: what
 * the end-to-end test deploys in fallback mode. It answers {@code ok pid=<pid>} so the test can stop
 * the instance it started.
 */
record PythonWebApp(Path dir, int port) {
    private static final String APP_PY = """
            import http.server, os
            port = int(os.environ["PORT"])
            print("e2e app starting", flush=True)
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = ("ok pid=%d" % os.getpid()).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            print("serving on", port, flush=True)
            http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
            """;

    static PythonWebApp create() throws IOException {
        Path dir = Files.createTempDirectory("opsuite-e2e-app-");
        Files.writeString(dir.resolve("app.py"), APP_PY);
        Files.writeString(dir.resolve("requirements.txt"), "# stdlib only: nothing to download\n");
        try (ServerSocket s = new ServerSocket(0)) {
            return new PythonWebApp(dir, s.getLocalPort());
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }
}
