package dev.opsuite.deployment.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentLogs;
import dev.opsuite.deployment.domain.DeploymentRepository;
import dev.opsuite.deployment.domain.LogLine;
import dev.opsuite.deployment.runner.LogBroadcast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Feeds one SSE client. The stored log is the source of truth (backlog, resume, deployments run by
 * another replica, polled every 250 ms); lines written on this instance are also pushed as soon as
 * they are committed. The client subscribes to the push before reading the backlog and every line
 * is sent only if its offset is the next one expected, so nothing is lost or sent twice between them.
 */
@ApplicationScoped
public class LogStream {
    private static final Logger LOG = Logger.getLogger(LogStream.class);
    private static final long POLL_MILLIS = 250;
    private static final int PAGE = 500;

    private final DeploymentLogs logs;
    private final DeploymentRepository repo;
    private final ObjectMapper mapper;
    private final LogBroadcast broadcast;

    public LogStream(DeploymentLogs logs, DeploymentRepository repo, ObjectMapper mapper, LogBroadcast broadcast) {
        this.logs = logs;
        this.repo = repo;
        this.mapper = mapper;
        this.broadcast = broadcast;
    }

    public void stream(String id, long from, SseEventSink sink, Sse sse) {
        long next = from;
        try (sink;
                LogBroadcast.Subscription pushed = broadcast.subscribe(id)) {
            while (!sink.isClosed()) {
                // read the state before the lines: lines stored before the final state are then never missed
                Deployment d = repo.find(id).orElseThrow();
                next = sendStored(id, next, Long.MAX_VALUE, sink, sse);
                if (d.status().isFinished()) {
                    sink.send(sse.newEventBuilder()
                                    .name("end")
                                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                                    .data(
                                            String.class,
                                            mapper.writeValueAsString(Map.of(
                                                    "deployment_id",
                                                    id,
                                                    "status",
                                                    d.status().wire(),
                                                    "next_offset",
                                                    next)))
                                    .build())
                            .toCompletableFuture()
                            .join();
                    return;
                }
                // live: pushed lines until a wait ends empty (poll interval, writer closed, overflow)
                LogLine line;
                while ((line = pushed.poll(POLL_MILLIS)) != null && !sink.isClosed()) {
                    if (line.offset() < next) {
                        continue; // already sent from the backlog
                    }
                    if (line.offset() > next) {
                        // lines before it were committed earlier but not seen yet: take them from the table
                        next = sendStored(id, next, line.offset(), sink, sse);
                    }
                    // (a line still missing after that failed to store: the table will never have it either)
                    send(line, sink, sse);
                    next = line.offset() + 1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("log stream of %s ended: %s", id, e.getMessage());
        }
    }

    /** Sends stored lines from {@code next} up to (excluding) {@code until}; returns the next offset to send. */
    private long sendStored(String id, long next, long until, SseEventSink sink, Sse sse)
            throws JsonProcessingException {
        List<LogLine> lines;
        do {
            lines = logs.read(id, next, PAGE);
            for (LogLine line : lines) {
                if (line.offset() >= until) {
                    return next;
                }
                send(line, sink, sse);
                next = line.offset() + 1;
            }
        } while (lines.size() == PAGE);
        return next;
    }

    private void send(LogLine line, SseEventSink sink, Sse sse) throws JsonProcessingException {
        sink.send(sse.newEventBuilder()
                        .id(Long.toString(line.offset()))
                        .name("log")
                        .mediaType(MediaType.TEXT_PLAIN_TYPE)
                        .data(String.class, mapper.writeValueAsString(LogLineView.of(line)))
                        .build())
                .toCompletableFuture()
                .join();
    }
}
