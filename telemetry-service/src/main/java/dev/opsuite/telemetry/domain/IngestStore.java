package dev.opsuite.telemetry.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.opsuite.events.v1.TelemetryIngestEvent;

/**
 * Applies batches of ingest events to PostgreSQL in one transaction each: the raw event (history,
 * dedupe of redeliveries by event id), the execution row (lifecycle rules) and the rollups.
 */
@ApplicationScoped
public class IngestStore {
    private static final String INSERT_EVENT = """
            INSERT INTO execution_events (event_id, execution_id, status, protocol, exit_code, applied, received_at, payload)
            VALUES (?, ?, ?, ?, ?, false, ?, ?) ON CONFLICT (event_id) DO NOTHING""";

    private final DataSource dataSource;

    public IngestStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Result of a batch: how many events were new, and how many of those changed an execution. */
    public record BatchResult(int received, int applied) {
    }

    public BatchResult applyBatch(List<IngestEnvelope> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // 1. raw events; those already there are redeliveries, applied in an earlier transaction
                List<IngestEnvelope> fresh = recordEvents(c, batch);
                // 2. the executions they touch, locked; the lifecycle rules run in memory, in event order
                java.util.Set<String> ids = new java.util.TreeSet<>();
                fresh.forEach(e -> ids.add(e.event().getExecutionId()));
                Map<String, Map<String, Object>> before = ExecutionRows.lockAll(c, ids);
                Map<String, Map<String, Object>> current = new java.util.HashMap<>(before);
                Map<String, Map<String, Object>> changed = new java.util.LinkedHashMap<>();
                List<String> appliedIds = new java.util.ArrayList<>();
                for (IngestEnvelope envelope : fresh) {
                    String id = envelope.event().getExecutionId();
                    Map<String, Object> next = ExecutionLifecycle.next(current.get(id), envelope.event());
                    if (next != null) {
                        current.put(id, next);
                        changed.put(id, next);
                        appliedIds.add(envelope.eventId());
                    }
                }
                // 3. one write per changed execution, the applied flags, and the rollup deltas (in lock order)
                ExecutionRows.writeAll(c, before, changed);
                markApplied(c, appliedIds);
                List<RollupChange> rollups = new java.util.ArrayList<>();
                changed.forEach((id, after) -> rollups.addAll(Rollups.changes(before.get(id), after)));
                Rollups.apply(c, Rollups.combine(rollups));
                c.commit();
                return new BatchResult(fresh.size(), appliedIds.size());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Inserts the raw events in one batch; returns those that were new, in batch order. */
    private static List<IngestEnvelope> recordEvents(Connection c, List<IngestEnvelope> batch) throws SQLException {
        List<IngestEnvelope> fresh = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (PreparedStatement s = c.prepareStatement(INSERT_EVENT)) {
            List<IngestEnvelope> queued = new java.util.ArrayList<>();
            for (IngestEnvelope envelope : batch) {
                if (!seen.add(envelope.eventId())) {
                    continue; // the same record twice in one batch
                }
                TelemetryIngestEvent e = envelope.event();
                s.setString(1, envelope.eventId());
                s.setString(2, e.getExecutionId());
                s.setString(3, e.getStatus());
                s.setString(4, e.getProtocol());
                if (e.hasExitCode()) {
                    s.setInt(5, e.getExitCode());
                } else {
                    s.setNull(5, java.sql.Types.INTEGER);
                }
                Instant at = e.hasReceivedAt()
                        ? Instant.ofEpochSecond(e.getReceivedAt().getSeconds(), e.getReceivedAt().getNanos()) : Instant.now();
                s.setObject(6, at.atOffset(ZoneOffset.UTC));
                s.setBytes(7, envelope.payload());
                s.addBatch();
                queued.add(envelope);
            }
            if (queued.isEmpty()) {
                return fresh;
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                    fresh.add(queued.get(i));
                }
            }
        }
        return fresh;
    }

    private static void markApplied(Connection c, List<String> eventIds) throws SQLException {
        if (eventIds.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE execution_events SET applied = true WHERE event_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("varchar", eventIds.toArray()));
            s.executeUpdate();
        }
    }
}
