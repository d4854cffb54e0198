package dev.opsuite.devstack.test;

import dev.opsuite.devstack.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A stdlib-only Python web app written into a temp folder, with a requirements.txt that needs no
 * network: what deployment tests (and the end-to-end test) deploy for real. It answers {@code ok
 * pid=<pid>} so a test can find and stop the instance it started, prints {@code SECRET_TOKEN} plainly and
 * in three encodings so masking can be checked, and spawns two long-lived children when {@code
 * SPAWN_CHILDREN} is set so cancel can be shown to kill the whole tree.
 */
public final class PythonWebApp {
    public static final String APP_PY = """
            import base64, http.server, os, subprocess, sys
            port = int(os.environ.get("PORT", "0"))
            token = os.environ.get("SECRET_TOKEN", "")
            print("starting with token", token, flush=True)
            print("token as base64", base64.b64encode(token.encode()).decode(), flush=True)
            print("token as base64url", base64.urlsafe_b64encode(token.encode()).decode().rstrip("="), flush=True)
            print("token as hex", token.encode().hex(), flush=True)
            if os.environ.get("SPAWN_CHILDREN"):
                for _ in range(2):
                    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
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

    private static Path shared;

    private PythonWebApp() {}

    /** A new source folder: its first deployment really creates the venv and installs. */
    public static Path fresh() {
        try {
            Path dir = Files.createTempDirectory("opsuite-pyapp-");
            Files.writeString(dir.resolve("app.py"), APP_PY);
            Files.writeString(dir.resolve("requirements.txt"), "# stdlib only: nothing to download\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One source folder shared by tests that only need a quick deployment: its venv exists already. */
    public static synchronized Path shared() {
        if (shared == null) {
            Path dir = fresh();
            try {
                Process p = new ProcessBuilder("python3", "-m", "venv", ".venv")
                        .directory(dir.toFile())
                        .inheritIO()
                        .start();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("python3 -m venv failed in " + dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            shared = dir;
        }
        return shared;
    }

    /** A TCP port free at the time of asking, for the app to listen on. */
    public static int freePort() {
        return FreePorts.pick();
    }
}
