package dev.opsuite.telemetry.domain;

import dev.opsuite.events.v1.TelemetryIngestEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Applies batches of ingest events to PostgreSQL in one transaction each: the raw event (history,
 * dedupe of redeliveries by event id), the execution row (lifecycle rules) and the rollups.
 */
@ApplicationScoped
public class IngestStore {
    private static final String INSERT_EVENT = """
            INSERT INTO execution_events (event_id, execution_id, status, protocol, exit_code, applied, received_at, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;

    public IngestStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Result of a batch: how many events were new, and how many of those changed an execution. */
    public record BatchResult(int received, int applied) {}

    public BatchResult applyBatch(List<IngestEnvelope> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // 1. events already stored are redeliveries, applied in an earlier transaction
                List<IngestEnvelope> fresh = withoutRedeliveries(c, batch);
                // 2. the executions they touch, locked; the lifecycle rules run in memory, in event order
                Set<String> ids = new TreeSet<>();
                fresh.forEach(e -> ids.add(e.event().getExecutionId()));
                Map<String, Map<String, Object>> before = ExecutionRows.lockAll(c, ids);
                Map<String, Map<String, Object>> current = new HashMap<>(before);
                Map<String, Map<String, Object>> changed = new LinkedHashMap<>();
                Set<String> appliedIds = new HashSet<>();
                for (IngestEnvelope envelope : fresh) {
                    String id = envelope.event().getExecutionId();
                    Map<String, Object> next = ExecutionLifecycle.next(current.get(id), envelope.event());
                    if (next != null) {
                        current.put(id, next);
                        changed.put(id, next);
                        appliedIds.add(envelope.eventId());
                    }
                }
                // 3. each event written once, with its outcome; one write per changed execution; the
                //    rollup deltas (in lock order)
                insertEvents(c, fresh, appliedIds);
                ExecutionRows.writeAll(c, before, changed);
                List<RollupChange> rollups = new ArrayList<>();
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

    /** The batch without events already stored and without repeats inside it, in batch order. */
    private static List<IngestEnvelope> withoutRedeliveries(Connection c, List<IngestEnvelope> batch)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT event_id FROM execution_events WHERE event_id = ANY (?)")) {
            s.setArray(
                    1,
                    c.createArrayOf(
                            "varchar",
                            batch.stream().map(IngestEnvelope::eventId).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        List<IngestEnvelope> fresh = new ArrayList<>();
        for (IngestEnvelope envelope : batch) {
            if (stored.add(envelope.eventId())) {
                fresh.add(envelope);
            }
        }
        return fresh;
    }

    /**
     * Inserts the fresh events in one batch. Partitions have one consumer at a time, so nobody else
     * writes these ids meanwhile; if a rebalance ever overlapped two, the conflict aborts this
     * transaction and the batch is retried (then finding them stored).
     */
    private static void insertEvents(Connection c, List<IngestEnvelope> fresh, Set<String> appliedIds)
            throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(INSERT_EVENT)) {
            for (IngestEnvelope envelope : fresh) {
                TelemetryIngestEvent e = envelope.event();
                s.setString(1, envelope.eventId());
                s.setString(2, e.getExecutionId());
                s.setString(3, e.getStatus());
                s.setString(4, e.getProtocol());
                if (e.hasExitCode()) {
                    s.setInt(5, e.getExitCode());
                } else {
                    s.setNull(5, Types.INTEGER);
                }
                s.setBoolean(6, appliedIds.contains(envelope.eventId()));
                Instant at = e.hasReceivedAt()
                        ? Instant.ofEpochSecond(
                                e.getReceivedAt().getSeconds(),
                                e.getReceivedAt().getNanos())
                        : Instant.now();
                s.setObject(7, at.atOffset(ZoneOffset.UTC));
                s.setBytes(8, envelope.payload());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
