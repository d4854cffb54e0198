package dev.opsuite.deployment.flow;

import static dev.opsuite.deployment.support.Api.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import dev.opsuite.deployment.support.Api;
import dev.opsuite.deployment.support.PyApp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Live logs over SSE: every line with its offset as event id, resumable with Last-Event-ID, ending with the deployment. */
@QuarkusTest
class LogStreamTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void cleanUp() {
        Api.cleanUp();
    }

    record Event(String id, String name, String data) {
    }

    List<Event> follow(String path, String accept, String lastEventId) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Api.VIEWER).timeout(Duration.ofSeconds(90));
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
        Api.registerApp("streamed", Map.of("source_path", PyApp.shared().toString(), "start_command", "python app.py"));
        String id = Api.deploy(OPERATOR, Map.of("app", "streamed", "mode", "fallback", "environment", "sse", "skip_health_check", true,
                "config", Map.of("environment_variables", Map.of("PORT", Integer.toString(PyApp.freePort()))))).path("deployment_id");

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
        JsonPath stored = Api.as(Api.VIEWER).get("/api/deployments/" + id + "/logs?limit=1000").jsonPath();
        assertEquals(stored.getList("lines").size(), lines.size());
        assertEquals(stored.getString("lines[3].line"), JsonPath.from(lines.get(3).data()).getString("line"));

        // resume after event 4: lines 5.. only; ?follow=true works without an Accept header
        List<Event> resumed = follow("/api/deployments/" + id + "/logs?follow=true", null, "4");
        List<Event> resumedLines = resumed.stream().filter(e -> "log".equals(e.name())).toList();
        assertEquals("5", resumedLines.get(0).id());
        assertEquals(lines.size() - 5, resumedLines.size());
        assertEquals("end", resumed.get(resumed.size() - 1).name());
    }
}
