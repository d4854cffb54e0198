package dev.opsuite.deployment.api;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentLogs;
import dev.opsuite.deployment.domain.DeploymentRepository;

/** Feeds one SSE client from the stored log (polling the table, so it works whichever replica runs the deployment). */
@ApplicationScoped
public class LogStream {
    private static final Logger LOG = Logger.getLogger(LogStream.class);
    private static final long POLL_MILLIS = 250;

    private final DeploymentLogs logs;
    private final DeploymentRepository repo;
    private final ObjectMapper mapper;

    public LogStream(DeploymentLogs logs, DeploymentRepository repo, ObjectMapper mapper) {
        this.logs = logs;
        this.repo = repo;
        this.mapper = mapper;
    }

    public void stream(String id, long from, SseEventSink sink, Sse sse) {
        long next = from;
        try (sink) {
            while (!sink.isClosed()) {
                // read the state before the lines: lines stored before the final state are then never missed
                Deployment d = repo.find(id).orElseThrow();
                List<LogLine> lines;
                do {
                    lines = logs.read(id, next, 500);
                    for (LogLine line : lines) {
                        sink.send(sse.newEventBuilder().id(Long.toString(line.offset())).name("log")
                                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, mapper.writeValueAsString(line)).build())
                                .toCompletableFuture().join();
                        next = line.offset() + 1;
                    }
                } while (lines.size() == 500);
                if (d.status().isFinished()) {
                    sink.send(sse.newEventBuilder().name("end").mediaType(MediaType.TEXT_PLAIN_TYPE)
                            .data(String.class, mapper.writeValueAsString(Map.of("deployment_id", id, "status", d.status().wire(),
                                    "next_offset", next)))
                            .build()).toCompletableFuture().join();
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("log stream of %s ended: %s", id, e.getMessage());
        }
    }
}
