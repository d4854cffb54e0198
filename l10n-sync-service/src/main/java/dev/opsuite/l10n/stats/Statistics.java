package dev.opsuite.l10n.stats;

import dev.opsuite.l10n.cache.L10nCache;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.queue.TaskQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET /database/statistics: every figure is measured — PostgreSQL's own counters (size, buffer cache
 * hits), row counts, the sync counters the chunk and export paths keep, the queue's attempts, and QA
 * outcomes stored on the entries. Nothing is a constant.
 */
@ApplicationScoped
public class Statistics {
    private static final String[] ENTITIES = {
        "packs",
        "pack_versions",
        "mods",
        "mod_versions",
        "language_files",
        "translation_entries",
        "glossary_terms",
        "chunks",
        "sync_sessions",
        "webhooks"
    };

    private final Jdbc jdbc;
    private final TaskQueue queue;
    private final L10nCache cache;

    public Statistics(Jdbc jdbc, TaskQueue queue, L10nCache cache) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.cache = cache;
    }

    public Map<String, Object> get(boolean fresh) {
        if (fresh) {
            Map<String, Object> s = compute();
            cache.put(L10nCache.Kind.STATS, "all", s);
            return s;
        }
        return cache.get(L10nCache.Kind.STATS, "all", this::compute);
    }

    Map<String, Object> compute() {
        Map<String, Object> out = new LinkedHashMap<>();
        jdbc.tx(c -> {
            out.put("database", database(c));
            out.put("sync", sync(c));
            out.put("qa", qa(c));
            out.put("entities", entities(c));
            return null;
        });
        TaskQueue.Status q = queue.status();
        Map<String, Object> qm = new LinkedHashMap<>();
        qm.put("depth", q.depth());
        qm.put("lag_ms", q.lagMs());
        qm.put("error_rate", q.errorRate());
        qm.put("avg_processing_time_ms", q.avgProcessingTimeMs());
        qm.put("dead", q.dead());
        out.put("queue", qm);
        L10nCache.Status cs = cache.status();
        out.put("cache", Map.of("entries", cs.entries(), "bytes", cs.bytes(), "evictions", cs.evictions()));
        return out;
    }

    private static Map<String, Object> database(Connection c) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        Jdbc.query(
                c,
                "SELECT pg_database_size(current_database()), "
                        + "(SELECT coalesce(sum(pg_total_relation_size(format('%I.%I', schemaname, relname)::regclass)), 0) "
                        + "FROM pg_stat_user_tables WHERE schemaname = current_schema()), "
                        + "blks_hit, blks_read, xact_commit, xact_rollback, deadlocks, conflicts "
                        + "FROM pg_stat_database WHERE datname = current_database()",
                rs -> {
                    long size = rs.getLong(1);
                    long hit = rs.getLong(3);
                    long read = rs.getLong(4);
                    m.put("size_mb", round(size / 1048576.0));
                    m.put("schema_size_mb", round(rs.getLong(2) / 1048576.0));
                    m.put("page_count", size / 8192);
                    m.put("cache_hit_ratio", hit + read == 0 ? 0 : round((double) hit / (hit + read)));
                    m.put("transactions_committed", rs.getLong(5));
                    m.put("transactions_rolled_back", rs.getLong(6));
                    m.put("deadlocks", rs.getLong(7));
                    m.put("conflicts", rs.getLong(8));
                    return null;
                });
        Jdbc.query(
                c,
                "SELECT coalesce(sum(n_dead_tup), 0), coalesce(sum(n_live_tup), 0) FROM pg_stat_user_tables "
                        + "WHERE schemaname = current_schema()",
                rs -> {
                    m.put("dead_tuples", rs.getLong(1));
                    m.put("live_tuples", rs.getLong(2));
                    return null;
                });
        return m;
    }

    private static Map<String, Object> sync(Connection c) throws SQLException {
        Map<String, Long> n = new HashMap<>();
        Jdbc.query(c, "SELECT name, value FROM counters", rs -> n.put(rs.getString(1), rs.getLong(2)));
        Map<String, Object> m = new LinkedHashMap<>();
        Jdbc.query(
                c,
                "SELECT coalesce(sum(false_positives), 0), coalesce(sum(confirm_count), 0), count(*), "
                        + "count(*) FILTER (WHERE state = 'committed'), count(*) FILTER (WHERE state = 'open' AND expires_at > now()), "
                        + "coalesce(sum(bytes_received), 0) FROM sync_sessions",
                rs -> {
                    long fp = rs.getLong(1);
                    long confirmed = rs.getLong(2);
                    m.put("bloom_miss_rate", confirmed == 0 ? 0 : round((double) fp / confirmed));
                    m.put("sessions", rs.getLong(3));
                    m.put("sessions_committed", rs.getLong(4));
                    m.put("sessions_open", rs.getLong(5));
                    m.put("bytes_received", rs.getLong(6));
                    return null;
                });
        long hits = n.getOrDefault(Counters.CHUNKS_CAS_HITS, 0L);
        long completed = n.getOrDefault(Counters.CHUNKS_COMPLETED, 0L);
        m.put("cas_hit_rate", hits + completed == 0 ? 0 : round((double) hits / (hits + completed)));
        m.put(
                "avg_chunk_size_mb",
                Jdbc.one(c, "SELECT coalesce(avg(size_bytes), 0) FROM chunks", rs -> round(rs.getDouble(1) / 1048576.0))
                        .orElse(0.0));
        m.put(
                "upload_throughput_mbps",
                rate(n.getOrDefault(Counters.UPLOAD_BYTES, 0L), n.getOrDefault(Counters.UPLOAD_MILLIS, 0L)));
        m.put(
                "download_throughput_mbps",
                rate(n.getOrDefault(Counters.EXPORT_BYTES, 0L), n.getOrDefault(Counters.EXPORT_MILLIS, 0L)));
        long parts = n.getOrDefault(Counters.CHUNK_PARTS, 0L);
        m.put(
                "failure_retry_rate",
                parts == 0 ? 0 : round((double) n.getOrDefault(Counters.CHUNK_PARTS_RESENT, 0L) / parts));
        m.put("chunks_rejected", n.getOrDefault(Counters.CHUNKS_REJECTED, 0L));
        m.put("exported_rows", n.getOrDefault(Counters.EXPORT_ROWS, 0L));
        return m;
    }

    private static Map<String, Object> qa(Connection c) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        Jdbc.query(
                c,
                "SELECT count(*) FILTER (WHERE dst_text IS NOT NULL), "
                        + "count(*) FILTER (WHERE qa_flags->>'placeholder_check' = 'fail'), "
                        + "count(*) FILTER (WHERE qa_flags->>'empty_check' = 'fail'), "
                        + "count(*) FILTER (WHERE qa_flags->>'format_code_check' = 'fail'), "
                        + "count(*) FILTER (WHERE status = 'outdated'), count(*) FILTER (WHERE status = 'conflict') "
                        + "FROM translation_entries",
                rs -> {
                    long translated = rs.getLong(1);
                    m.put("translated_entries", translated);
                    m.put(
                            "placeholder_mismatch_rate",
                            translated == 0 ? 0 : round((double) rs.getLong(2) / translated));
                    m.put("empty_string_rate", translated == 0 ? 0 : round((double) rs.getLong(3) / translated));
                    m.put(
                            "format_code_mismatch_rate",
                            translated == 0 ? 0 : round((double) rs.getLong(4) / translated));
                    m.put("outdated", rs.getLong(5));
                    m.put("conflicts", rs.getLong(6));
                    return null;
                });
        Map<String, Long> n = new HashMap<>();
        Jdbc.query(
                c,
                "SELECT name, value FROM counters WHERE name LIKE 'import_%'",
                rs -> n.put(rs.getString(1), rs.getLong(2)));
        long keys = n.getOrDefault(Counters.IMPORT_KEYS, 0L);
        m.put(
                "duplicate_key_rate",
                keys == 0 ? 0 : round((double) n.getOrDefault(Counters.IMPORT_DUPLICATE_KEYS, 0L) / keys));
        return m;
    }

    private static Map<String, Object> entities(Connection c) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String table : ENTITIES) {
            m.put(
                    table,
                    Jdbc.one(c, "SELECT count(*) FROM " + table, rs -> rs.getLong(1))
                            .orElse(0L));
        }
        return m;
    }

    private static double rate(long bytes, long millis) {
        return millis <= 0 ? 0 : round(bytes / 1048576.0 / (millis / 1000.0));
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
