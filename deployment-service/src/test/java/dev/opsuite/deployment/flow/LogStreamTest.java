package dev.opsuite.deployment.flow;

import static dev.opsuite.deployment.support.Api.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live logs over SSE: every line with its offset as event id, resumable with Last-Event-ID, ending with the deployment. */
@QuarkusTest
class LogStreamTest {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void cleanUp() {
        Api.cleanUp();
    }

    record Event(String id, String name, String data) {}

    List<Event> follow(String path, String accept, String lastEventId) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Api.VIEWER)
                .timeout(Duration.ofSeconds(90));
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) r.body()::iterator) {
            if (line.isEmpty()) {
                if (name != null || data.length() > 0) {
                    events.add(new Event(id, name, data.toString()));
                }
                id = null;
                name = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
        return events;
    }

    @Test
    void followsTheLogLiveAndResumesFromLastEventId() throws Exception {
        Api.cancelAllUnfinished();
        Api.registerApp(
                "streamed", Map.of("source_path", PythonWebApp.shared().toString(), "start_command", "python app.py"));
        String id = Api.deploy(
                        OPERATOR,
                        Map.of(
                                "app",
                                "streamed",
                                "mode",
                                "fallback",
                                "environment",
                                "sse",
                                "skip_health_check",
                                true,
                                "config",
                                Map.of(
                                        "environment_variables",
                                        Map.of("PORT", Integer.toString(PythonWebApp.freePort())))))
                .path("deployment_id");

        // connected while the deployment runs; the stream ends by itself when it finishes
        List<Event> events = follow("/api/deployments/" + id + "/logs", "text/event-stream", null);
        Event end = events.get(events.size() - 1);
        assertEquals("end", end.name());
        assertEquals("completed", JsonPath.from(end.data()).getString("status"));
        List<Event> lines = events.stream().filter(e -> "log".equals(e.name())).toList();
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(Integer.toString(i), lines.get(i).id());
            assertEquals(i, JsonPath.from(lines.get(i).data()).getInt("offset"));
        }
        JsonPath stored = Api.as(Api.VIEWER)
                .get("/api/deployments/" + id + "/logs?limit=1000")
                .jsonPath();
        assertEquals(stored.getList("lines").size(), lines.size());
        assertEquals(
                stored.getString("lines[3].line"),
                JsonPath.from(lines.get(3).data()).getString("line"));

        // resume after event 4: lines 5.. only; ?follow=true works without an Accept header
        List<Event> resumed = follow("/api/deployments/" + id + "/logs?follow=true", null, "4");
        List<Event> resumedLines =
                resumed.stream().filter(e -> "log".equals(e.name())).toList();
        assertEquals("5", resumedLines.get(0).id());
        assertEquals(lines.size() - 5, resumedLines.size());
        assertEquals("end", resumed.get(resumed.size() - 1).name());
    }

    /** Ticks while /health is not served yet, so app lines reach live followers by push during the health check. */
    private static final String TICKING_APP = """
            import http.server, os, time
            port = int(os.environ["PORT"])
            for n in range(60):
                print("tick", n, flush=True)
                time.sleep(0.03)
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                def log_message(self, *args):
                    pass
            http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
            """;

    @Test
    void pushesLiveLinesInOrderAndResumesMidRunWithoutDuplicates() throws Exception {
        Api.cancelAllUnfinished();
        java.nio.file.Path dir = PythonWebApp.fresh();
        java.nio.file.Files.writeString(dir.resolve("app.py"), TICKING_APP);
        int port = PythonWebApp.freePort();
        Api.registerPyApp("ticking", dir, port, 60);
        String id = Api.deploy(
                        OPERATOR,
                        Map.of(
                                "app",
                                "ticking",
                                "mode",
                                "fallback",
                                "environment",
                                "push",
                                "config",
                                Map.of("environment_variables", Map.of("PORT", Integer.toString(port)))))
                .path("deployment_id");
        Api.waitForStep(id, "health check", Duration.ofSeconds(120));

        var live = java.util.concurrent.CompletableFuture.supplyAsync(() -> followUnchecked(id, null));
        // resume while lines are still being written: backlog from the table, then the push, joined by offset
        long resumeAfter = -1;
        for (int i = 0; i < 50 && resumeAfter < 5; i++) {
            Api.sleep(50);
            List<Integer> stored = Api.as(Api.VIEWER)
                    .get("/api/deployments/" + id + "/logs?limit=1000")
                    .jsonPath()
                    .getList("lines.offset", Integer.class);
            resumeAfter = stored.isEmpty() ? -1 : stored.get(stored.size() - 1);
        }
        assertEquals("running", Api.status(id).path("status"));
        List<Event> resumed =
                follow("/api/deployments/" + id + "/logs", "text/event-stream", Long.toString(resumeAfter));
        List<Event> all = live.get(90, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals("completed", JsonPath.from(all.get(all.size() - 1).data()).getString("status"));
        List<Event> lines = all.stream().filter(e -> "log".equals(e.name())).toList();
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(Integer.toString(i), lines.get(i).id(), "offsets arrive in order, each once");
        }
        List<String> ticks = lines.stream()
                .map(e -> JsonPath.from(e.data()).getString("line"))
                .filter(l -> l.startsWith("tick "))
                .toList();
        assertEquals(60, ticks.size());
        for (int n = 0; n < 60; n++) {
            assertEquals("tick " + n, ticks.get(n));
        }
        List<String> storedLines = Api.as(Api.VIEWER)
                .get("/api/deployments/" + id + "/logs?limit=1000")
                .jsonPath()
                .getList("lines.line", String.class);
        assertEquals(
                storedLines,
                lines.stream()
                        .map(e -> JsonPath.from(e.data()).getString("line"))
                        .toList());

        List<Event> resumedLines =
                resumed.stream().filter(e -> "log".equals(e.name())).toList();
        assertEquals("end", resumed.get(resumed.size() - 1).name());
        for (int i = 0; i < resumedLines.size(); i++) {
            assertEquals(Long.toString(resumeAfter + 1 + i), resumedLines.get(i).id(), "resume: no gap, no duplicate");
        }
        assertEquals(lines.size() - resumeAfter - 1, resumedLines.size());
    }

    private List<Event> followUnchecked(String id, String lastEventId) {
        try {
            return follow("/api/deployments/" + id + "/logs", "text/event-stream", lastEventId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
