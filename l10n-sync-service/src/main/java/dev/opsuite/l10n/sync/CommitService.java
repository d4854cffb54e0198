package dev.opsuite.l10n.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.outbox.JdbcOutbox;
import dev.opsuite.events.v1.SyncSessionCommitted;
import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.events.L10nEvents;
import dev.opsuite.l10n.queue.BuiltinWorkers;
import dev.opsuite.l10n.queue.TaskQueue;
import dev.opsuite.l10n.settings.Setting;
import dev.opsuite.l10n.settings.Settings;
import dev.opsuite.l10n.webhooks.WebhookQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * POST /sync/commit: every listed chunk must be in the store (else 409 naming the missing ones); each
 * is applied in a transaction of its own, once. Commits with more entries than commit_queue_threshold
 * become import_delta_block tasks (one per chunk) that the workers apply; the session is committed
 * when its last chunk is applied, with a session_committed event and sync.committed webhooks.
 */
@ApplicationScoped
public class CommitService {
    public static final String TASK_TYPE = "import_delta_block";
    static final List<String> STRATEGIES = List.of("three_way", "overwrite", "skip");
    static final List<String> RESOLUTIONS = List.of("mark_for_review", "take_remote", "take_local");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;
    private final ChunkApplier applier;
    private final TaskQueue queue;
    private final BuiltinWorkers workers;
    private final Settings settings;
    private final JdbcOutbox outbox;
    private final L10nEvents events;
    private final WebhookQueue webhooks;
    private final ScopeSnapshots snapshots;

    public CommitService(
            Jdbc jdbc,
            ChunkApplier applier,
            TaskQueue queue,
            BuiltinWorkers workers,
            Settings settings,
            JdbcOutbox outbox,
            L10nEvents events,
            WebhookQueue webhooks,
            ScopeSnapshots snapshots) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.applier = applier;
        this.queue = queue;
        this.workers = workers;
        this.settings = settings;
        this.outbox = outbox;
        this.events = events;
        this.webhooks = webhooks;
    }

    public record CommitResult(
            String sessionId,
            String state,
            boolean queued,
            List<Long> taskIds,
            long processed,
            long applied,
            long merged,
            long conflicts,
            long skipped,
            long errors,
            List<String> conflictingEntryUids,
            List<String> errorMessages) {}

    public record Options(String strategy, String resolution) {}

    public CommitResult commit(CommitRequest req, String actor) {
        if (req == null || req.sessionId() == null) {
            throw ApiException.validation("session_id is required", Map.of("field", "session_id"));
        }
        if (req.chunks() == null || req.chunks().isEmpty()) {
            throw ApiException.validation("chunks must list at least one chunk", Map.of("field", "chunks"));
        }
        String strategy = req.mergeStrategy() == null ? "three_way" : req.mergeStrategy();
        String resolution = req.conflictResolution() == null ? "mark_for_review" : req.conflictResolution();
        if (!STRATEGIES.contains(strategy)) {
            throw ApiException.validation(
                    "Unknown merge_strategy", Map.of("field", "merge_strategy", "expected", STRATEGIES));
        }
        if (!RESOLUTIONS.contains(resolution)) {
            throw ApiException.validation(
                    "Unknown conflict_resolution", Map.of("field", "conflict_resolution", "expected", RESOLUTIONS));
        }
        List<String> cids = new ArrayList<>(new LinkedHashSet<>(
                req.chunks().stream().map(CommitRequest.ChunkRef::cid).toList()));
        for (String cid : cids) {
            if (!Cids.isCid(cid)) {
                throw ApiException.validation(
                        "Not a chunk CID: " + cid, Map.of("field", "chunks.cid", "received", String.valueOf(cid)));
            }
        }
        long threshold = settings.get(Setting.COMMIT_QUEUE_THRESHOLD);
        record Plan(List<String> pending, long entries) {}
        Plan plan = jdbc.tx(c -> {
            SyncSession s = SyncSessions.get(c, req.sessionId(), true);
            if (!s.state().equals("committed") && !s.open() && !s.state().equals("committing")) {
                SyncSessions.requireOpen(c, s.id(), false);
            }
            List<String> present =
                    Jdbc.query(c, "SELECT cid FROM chunks WHERE cid = ANY (?)", rs -> rs.getString(1), (Object)
                            cids.toArray(String[]::new));
            List<String> missing =
                    cids.stream().filter(cid -> !present.contains(cid)).toList();
            if (!missing.isEmpty()) {
                throw ApiException.conflict(
                                "missing_chunks",
                                missing.size() + " of the session's chunks are not uploaded "
                                        + "completely; upload them (HEAD /sync/chunk/{cid} tells where to resume) and commit again")
                        .withDetail("missing", missing);
            }
            for (String cid : cids) {
                SyncSessions.attachChunk(c, s.id(), cid);
            }
            Jdbc.update(
                    c,
                    "UPDATE session_chunks SET in_commit = true WHERE session_id = ? AND cid = ANY (?)",
                    s.id(),
                    cids.toArray(String[]::new));
            List<String> pending = Jdbc.query(
                    c,
                    "SELECT sc.cid FROM session_chunks sc WHERE sc.session_id = ? AND sc.in_commit "
                            + "AND NOT sc.applied ORDER BY sc.cid",
                    rs -> rs.getString(1),
                    s.id());
            long entries = Jdbc.one(
                            c,
                            "SELECT coalesce(sum(ch.entries), 0) FROM chunks ch WHERE ch.cid = ANY (?)",
                            rs -> rs.getLong(1),
                            (Object) pending.toArray(String[]::new))
                    .orElse(0L);
            if (s.state().equals("open")) {
                Jdbc.update(
                        c,
                        "UPDATE sync_sessions SET state = 'committing', result = ?::jsonb WHERE id = ?",
                        json(Map.of("merge_strategy", strategy, "conflict_resolution", resolution)),
                        s.id());
            }
            return new Plan(pending, entries);
        });
        if (plan.entries() > threshold) {
            List<Long> tasks = jdbc.tx(c -> {
                List<Long> ids = new ArrayList<>();
                for (String cid : plan.pending()) {
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("session_id", req.sessionId());
                    payload.put("chunk_cid", cid);
                    payload.put("merge_strategy", strategy);
                    payload.put("conflict_resolution", resolution);
                    payload.put("actor", actor);
                    ids.add(queue.enqueue(c, TASK_TYPE, json(payload), 10, "import:" + req.sessionId() + ":" + cid)
                            .task()
                            .id());
                }
                return ids;
            });
            workers.pokeSoon();
            return new CommitResult(
                    req.sessionId(), "committing", true, tasks, plan.entries(), 0, 0, 0, 0, 0, List.of(), List.of());
        }
        for (String cid : plan.pending()) {
            applier.apply(req.sessionId(), cid, strategy, resolution, actor);
        }
        return finish(req.sessionId(), actor).orElseThrow();
    }

    /** Applies one queued chunk, then finishes the session if it was the last one. */
    public ChunkResult applyQueued(String sessionId, String cid, String strategy, String resolution, String actor) {
        ChunkResult r = applier.apply(sessionId, cid, strategy, resolution, actor);
        finish(sessionId, actor);
        return r;
    }

    /** Marks the session committed once every chunk of its commit is applied; the totals of all of them. */
    Optional<CommitResult> finish(String sessionId, String actor) {
        boolean[] committed = {false};
        Optional<CommitResult> result = jdbc.tx(c -> {
            SyncSession s = SyncSessions.get(c, sessionId, true);
            long open = Jdbc.one(
                            c,
                            "SELECT count(*) FROM session_chunks WHERE session_id = ? AND in_commit AND NOT applied",
                            rs -> rs.getLong(1),
                            sessionId)
                    .orElse(0L);
            ChunkResult total = totals(c, sessionId);
            if (open > 0) {
                return Optional.<CommitResult>empty();
            }
            boolean first = !s.state().equals("committed");
            if (first) {
                Jdbc.update(
                        c,
                        "UPDATE sync_sessions SET state = 'committed', committed_at = now(), result = ?::jsonb, "
                                + "duration_ms = (EXTRACT(EPOCH FROM now() - created_at) * 1000)::bigint WHERE id = ?",
                        json(total),
                        sessionId);
                announce(c, s, total, actor);
                committed[0] = true;
            }
            return Optional.of(new CommitResult(
                    sessionId,
                    "committed",
                    false,
                    List.of(),
                    total.processed(),
                    total.applied(),
                    total.merged(),
                    total.conflicts(),
                    total.skipped(),
                    total.errors(),
                    total.conflictingEntryUids(),
                    total.errorMessages()));
        });
        if (committed[0]) {
            // the handshakes that follow a commit find the scopes it changed read again already
            snapshots.refreshStaleSoon();
        }
        return result;
    }

    private static ChunkResult totals(Connection c, String sessionId) throws SQLException {
        ChunkResult total = ChunkResult.empty();
        for (String json : Jdbc.query(
                c,
                "SELECT result::text FROM session_chunks WHERE session_id = ? AND in_commit AND applied "
                        + "ORDER BY cid",
                rs -> rs.getString(1),
                sessionId)) {
            total = total.plus(ChunkApplier.read(json));
        }
        return total;
    }

    private void announce(Connection c, SyncSession s, ChunkResult total, String actor) throws SQLException {
        int chunks = Jdbc.one(
                        c,
                        "SELECT count(*) FROM session_chunks WHERE session_id = ? AND in_commit",
                        rs -> rs.getInt(1),
                        s.id())
                .orElse(0);
        SyncSessionCommitted committed = SyncSessionCommitted.newBuilder()
                .setSessionId(s.id())
                .setLocale(s.locale())
                .setProcessed(total.processed())
                .setApplied(total.applied())
                .setMerged(total.merged())
                .setConflicts(total.conflicts())
                .setErrors(total.errors())
                .setChunks(chunks)
                .setBytesReceived(s.bytesReceived())
                .build();
        outbox.enqueue(c, events.sessionCommitted(committed, actor));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session_id", s.id());
        data.put("locale", s.locale());
        data.put("processed", total.processed());
        data.put("applied", total.applied());
        data.put("merged", total.merged());
        data.put("conflicts", total.conflicts());
        data.put("errors", total.errors());
        data.put("conflicting_entry_uids", total.conflictingEntryUids());
        webhooks.enqueue(c, WebhookQueue.SYNC_COMMITTED, s.locale(), data);
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
