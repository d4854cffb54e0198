package dev.opsuite.telemetry.domain;

import dev.opsuite.events.v1.TelemetryIngestEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
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

/**
 * Applies batches of ingest events to PostgreSQL in one JDBC transaction each (JDBC: batched
 * statements rewritten to multi-row inserts are what keep up with thousands of events a second): the
 * raw event (history, dedupe of redeliveries by event id), the execution (lifecycle rules) and the
 * rollups.
 */
@ApplicationScoped
public class IngestStore {
    private final Transactions transactions;
    private final ExecutionRepository executions;
    private final ExecutionEventRepository events;
    private final RollupRepository rollups;

    public IngestStore(
            Transactions transactions,
            ExecutionRepository executions,
            ExecutionEventRepository events,
            RollupRepository rollups) {
        this.transactions = transactions;
        this.executions = executions;
        this.events = events;
        this.rollups = rollups;
    }

    /** Result of a batch: how many events were new, and how many of those changed an execution. */
    public record BatchResult(int received, int applied) {}

    public BatchResult applyBatch(List<IngestEnvelope> batch) {
        return transactions.run("applying an ingest batch", c -> apply(c, batch));
    }

    private BatchResult apply(Connection c, List<IngestEnvelope> batch) throws SQLException {
        // 1. events already stored are redeliveries, applied in an earlier transaction
        List<IngestEnvelope> fresh = withoutRedeliveries(c, batch);
        // 2. the executions they touch, locked; the lifecycle rules run in memory, in event order
        Set<String> ids = new TreeSet<>();
        fresh.forEach(e -> ids.add(e.event().getExecutionId()));
        Map<String, Execution> before = executions.lockAll(c, ids);
        Map<String, Execution> current = new HashMap<>(before);
        Map<String, Execution> changed = new LinkedHashMap<>();
        Set<String> appliedIds = new HashSet<>();
        for (IngestEnvelope envelope : fresh) {
            String id = envelope.event().getExecutionId();
            Execution next = ExecutionLifecycle.next(current.get(id), envelope.event());
            if (next != null) {
                current.put(id, next);
                changed.put(id, next);
                appliedIds.add(envelope.eventId());
            }
        }
        // 3. each event written once, with its outcome; one write per changed execution; the
        //    rollup deltas (in lock order)
        events.insertAll(c, rows(fresh, appliedIds));
        List<Execution> inserts = new ArrayList<>();
        List<Execution> updates = new ArrayList<>();
        List<RollupChange> deltas = new ArrayList<>();
        changed.forEach((id, after) -> {
            (before.containsKey(id) ? updates : inserts).add(after);
            deltas.addAll(Rollups.changes(before.get(id), after));
        });
        executions.insertAll(c, inserts);
        executions.updateAll(c, updates);
        rollups.apply(c, Rollups.combine(deltas));
        return new BatchResult(fresh.size(), appliedIds.size());
    }

    /** The batch without events already stored and without repeats inside it, in batch order. */
    private List<IngestEnvelope> withoutRedeliveries(Connection c, List<IngestEnvelope> batch) throws SQLException {
        Set<String> stored =
                events.storedIds(c, batch.stream().map(IngestEnvelope::eventId).toList());
        List<IngestEnvelope> fresh = new ArrayList<>();
        for (IngestEnvelope envelope : batch) {
            if (stored.add(envelope.eventId())) {
                fresh.add(envelope);
            }
        }
        return fresh;
    }

    /**
     * The rows of the fresh events. Partitions have one consumer at a time, so nobody else writes
     * these ids meanwhile; if a rebalance ever overlapped two, the conflict aborts the transaction
     * and the batch is retried (then finding them stored).
     */
    private static List<ExecutionEvent> rows(List<IngestEnvelope> fresh, Set<String> appliedIds) {
        List<ExecutionEvent> rows = new ArrayList<>(fresh.size());
        for (IngestEnvelope envelope : fresh) {
            TelemetryIngestEvent e = envelope.event();
            Instant at = e.hasReceivedAt()
                    ? Instant.ofEpochSecond(
                            e.getReceivedAt().getSeconds(), e.getReceivedAt().getNanos())
                    : Instant.now();
            rows.add(new ExecutionEvent(
                    envelope.eventId(),
                    e.getExecutionId(),
                    e.getStatus(),
                    e.getProtocol(),
                    e.hasExitCode() ? e.getExitCode() : null,
                    appliedIds.contains(envelope.eventId()),
                    at.atOffset(ZoneOffset.UTC),
                    envelope.payload()));
        }
        return rows;
    }
}
