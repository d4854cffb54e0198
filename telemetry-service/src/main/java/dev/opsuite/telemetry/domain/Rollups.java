package dev.opsuite.telemetry.domain;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the daily rollups in step with the executions: an execution contributes one count (and its
 * install duration) to the rows of its day, repo, app, current status and each dimension value;
 * a change of the execution moves its contribution. Always called in the transaction that writes
 * the execution.
 */
public final class Rollups {
    /** Dimension -> execution column. 'all' has the empty value and carries the totals. */
    public static final Map<String, String> DIMENSIONS = dimensions();

    static final String UPSERT_DAILY = """
            INSERT INTO rollup_daily (day, repo_source, nsapp, dim, val, status, executions, duration_sum, duration_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, repo_source, nsapp, dim, val, status) DO UPDATE SET
              executions = rollup_daily.executions + EXCLUDED.executions,
              duration_sum = rollup_daily.duration_sum + EXCLUDED.duration_sum,
              duration_count = rollup_daily.duration_count + EXCLUDED.duration_count""";
    static final String UPSERT_APPS = """
            INSERT INTO rollup_apps_daily (day, repo_source, nsapp, status, executions, duration_sum, duration_count)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, repo_source, nsapp, status) DO UPDATE SET
              executions = rollup_apps_daily.executions + EXCLUDED.executions,
              duration_sum = rollup_apps_daily.duration_sum + EXCLUDED.duration_sum,
              duration_count = rollup_apps_daily.duration_count + EXCLUDED.duration_count""";
    static final String UPSERT_DIMS = """
            INSERT INTO rollup_dims_daily (day, repo_source, dim, val, status, executions) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, repo_source, dim, val, status) DO UPDATE SET
              executions = rollup_dims_daily.executions + EXCLUDED.executions""";
    static final String UPSERT_ERRORS = """
            INSERT INTO rollup_errors_daily (day, repo_source, nsapp, pattern, executions) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (day, repo_source, nsapp, pattern) DO UPDATE SET
              executions = rollup_errors_daily.executions + EXCLUDED.executions""";

    private Rollups() {}

    private static Map<String, String> dimensions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("all", null);
        d.put("type", "type");
        d.put("os", "os_type");
        d.put("method", "method");
        d.put("pve", "pve_version");
        d.put("gpu_vendor", "gpu_vendor");
        d.put("gpu_pt", "gpu_passthrough");
        d.put("cpu_vendor", "cpu_vendor");
        d.put("category", "error_category");
        return d;
    }

    /** The changes that move an execution from {@code before} (null = new) to {@code after}. */
    public static List<RollupChange> changes(Map<String, Object> before, Map<String, Object> after) {
        Map<String, RollupChange> merged = new LinkedHashMap<>();
        if (before != null) {
            contribute(before, -1, merged);
        }
        if (after != null) {
            contribute(after, +1, merged);
        }
        return combine(merged.values());
    }

    /**
     * Merges the changes of several executions (a whole batch) into one delta per row, drops the
     * ones that cancel out, and sorts them: every transaction then locks rollup rows in the same
     * order, which keeps concurrent writers (consumer, sweeper, replicas) free of deadlocks.
     */
    public static List<RollupChange> combine(Collection<RollupChange> changes) {
        Map<String, RollupChange> merged = new TreeMap<>(); // by sort key: built once per change, not per comparison
        changes.forEach(c -> add(merged, c));
        List<RollupChange> out = new ArrayList<>(merged.size());
        for (RollupChange c : merged.values()) {
            if (c.executions() != 0 || c.durationSum() != 0 || c.durationCount() != 0) {
                out.add(c);
            }
        }
        return out;
    }

    private static void contribute(Map<String, Object> row, int sign, Map<String, RollupChange> into) {
        LocalDate day = dayOf(row.get("started_at"));
        String repo = text(row.get("repo_source"));
        String app = text(row.get("nsapp"));
        String status = text(row.get("status"));
        Object d = row.get("install_duration");
        long duration = d instanceof Number n ? n.longValue() : 0;
        long durationCount = d instanceof Number ? 1 : 0;
        for (Map.Entry<String, String> dim : DIMENSIONS.entrySet()) {
            String val = dim.getValue() == null ? "" : text(row.get(dim.getValue()));
            if (dim.getValue() != null && val.isEmpty()) {
                continue;
            }
            add(
                    into,
                    new RollupChange(
                            day,
                            repo,
                            app,
                            dim.getKey(),
                            truncate(val, 64),
                            status,
                            null,
                            sign,
                            sign * duration,
                            sign * durationCount));
            if (dim.getValue() != null) {
                add(into, new RollupChange(day, repo, null, dim.getKey(), truncate(val, 64), status, null, sign, 0, 0));
            }
        }
        Object pattern = row.get("error_pattern");
        if ("failed".equals(status) && pattern != null && !pattern.toString().isEmpty()) {
            add(into, new RollupChange(day, repo, app, "", "", "", pattern.toString(), sign, 0, 0));
        }
    }

    private static void add(Map<String, RollupChange> into, RollupChange c) {
        into.merge(
                c.sortKey(),
                c,
                (a, b) -> new RollupChange(
                        a.day(),
                        a.repoSource(),
                        a.nsapp(),
                        a.dim(),
                        a.val(),
                        a.status(),
                        a.pattern(),
                        a.executions() + b.executions(),
                        a.durationSum() + b.durationSum(),
                        a.durationCount() + b.durationCount()));
    }

    /**
     * The changes as rows of their upsert statement (keyed by it), in a fixed table order: every
     * transaction writes the tables, and within each the rows, in the same order.
     */
    private static Map<String, List<List<Object>>> rowsByUpsert(List<RollupChange> changes) {
        Map<String, List<List<Object>>> rows = new LinkedHashMap<>();
        for (String sql : List.of(UPSERT_APPS, UPSERT_DAILY, UPSERT_DIMS, UPSERT_ERRORS)) {
            rows.put(sql, new ArrayList<>());
        }
        for (RollupChange ch : changes) {
            if (ch.isAppTotal()) {
                rows.get(UPSERT_APPS)
                        .add(List.of(
                                ch.day(),
                                ch.repoSource(),
                                ch.nsapp(),
                                ch.status(),
                                ch.executions(),
                                ch.durationSum(),
                                ch.durationCount()));
            } else if (ch.isAllApps()) {
                rows.get(UPSERT_DIMS)
                        .add(List.of(ch.day(), ch.repoSource(), ch.dim(), ch.val(), ch.status(), ch.executions()));
            } else if (ch.isError()) {
                rows.get(UPSERT_ERRORS)
                        .add(List.of(ch.day(), ch.repoSource(), ch.nsapp(), ch.pattern(), ch.executions()));
            } else {
                rows.get(UPSERT_DAILY)
                        .add(List.of(
                                ch.day(),
                                ch.repoSource(),
                                ch.nsapp(),
                                ch.dim(),
                                ch.val(),
                                ch.status(),
                                ch.executions(),
                                ch.durationSum(),
                                ch.durationCount()));
            }
        }
        rows.values().removeIf(List::isEmpty);
        return rows;
    }

    /** JDBC: applies the changes in the caller's transaction. */
    public static void apply(Connection c, List<RollupChange> changes) throws SQLException {
        for (Map.Entry<String, List<List<Object>>> upsert :
                rowsByUpsert(changes).entrySet()) {
            try (PreparedStatement s = c.prepareStatement(upsert.getKey())) {
                for (List<Object> row : upsert.getValue()) {
                    for (int i = 0; i < row.size(); i++) {
                        s.setObject(i + 1, row.get(i));
                    }
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    /** Reactive client: applies the changes on the caller's (transactional) connection. */
    public static Uni<Void> apply(SqlClient c, List<RollupChange> changes) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<List<Object>>> upsert :
                rowsByUpsert(changes).entrySet()) {
            List<Tuple> tuples = upsert.getValue().stream().map(Tuple::from).toList();
            done = done.chain(() -> c.preparedQuery(positional(upsert.getKey()))
                    .executeBatch(tuples)
                    .replaceWithVoid());
        }
        return done;
    }

    /** JDBC '?' placeholders -> the reactive client's $1, $2, ... */
    static String positional(String sql) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                b.append('$').append(++n);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** What a rebuild wrote: the executions it read and the rollup rows it produced. */
    public record Rebuilt(
            LocalDate since, long executions, long appsRows, long rollupRows, long dimsRows, long errorRows) {}

    /**
     * Recomputes every rollup row of the days from {@code since} on from the executions (the SQL
     * form of {@link #changes}; a test holds the two to the same figures). Earlier days are left
     * alone: retention may have removed their executions, and their rollups are then the only
     * record. Writers of executions wait meanwhile (share lock), so no delta is lost or doubled.
     */
    public static Rebuilt rebuild(Connection c, LocalDate since) throws SQLException {
        OffsetDateTime from = since.atStartOfDay().atOffset(ZoneOffset.UTC);
        try (var s = c.createStatement()) {
            s.execute("LOCK TABLE executions IN SHARE MODE");
            // the aggregate of a year of executions fits in memory instead of spilling to sorted runs
            s.execute("SET LOCAL work_mem = '256MB'");
        }
        long executions;
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM executions WHERE started_at >= ?")) {
            s.setObject(1, from);
            try (var rs = s.executeQuery()) {
                rs.next();
                executions = rs.getLong(1);
            }
        }
        for (String table : List.of("rollup_apps_daily", "rollup_daily", "rollup_dims_daily", "rollup_errors_daily")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE day >= ?")) {
                s.setObject(1, since);
                s.executeUpdate();
            }
        }
        long appsRows;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO rollup_apps_daily (day, repo_source, nsapp, status, executions, duration_sum, duration_count)
                SELECT (started_at AT TIME ZONE 'UTC')::date, coalesce(repo_source, ''), nsapp, status,
                       count(*), coalesce(sum(install_duration), 0), count(install_duration)
                FROM executions WHERE started_at >= ? GROUP BY 1, 2, 3, 4""")) {
            s.setObject(1, from);
            appsRows = s.executeUpdate();
        }
        long rows;
        try (PreparedStatement s = c.prepareStatement(REBUILD_DAILY)) {
            s.setObject(1, from);
            rows = s.executeUpdate();
        }
        long dimsRows;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO rollup_dims_daily (day, repo_source, dim, val, status, executions)
                SELECT day, repo_source, dim, val, status, sum(executions) FROM rollup_daily
                WHERE day >= ? GROUP BY day, repo_source, dim, val, status""")) {
            s.setObject(1, since);
            dimsRows = s.executeUpdate();
        }
        long errorRows;
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO rollup_errors_daily (day, repo_source, nsapp, pattern, executions)
                SELECT (started_at AT TIME ZONE 'UTC')::date, coalesce(repo_source, ''), nsapp, error_pattern, count(*)
                FROM executions
                WHERE started_at >= ? AND status = 'failed' AND coalesce(error_pattern, '') <> ''
                GROUP BY 1, 2, 3, 4""")) {
            s.setObject(1, from);
            errorRows = s.executeUpdate();
        }
        return new Rebuilt(since, executions, appsRows, rows, dimsRows, errorRows);
    }

    /** One (dimension, value) pair per entry of DIMENSIONS but 'all' (that is rollup_apps_daily), when set. */
    private static final String REBUILD_DAILY = rebuildDaily();

    private static String rebuildDaily() {
        StringBuilder pairs = new StringBuilder();
        DIMENSIONS.forEach((dim, column) -> {
            if (column != null) {
                pairs.append(pairs.isEmpty() ? "" : ", ")
                        .append("('")
                        .append(dim)
                        .append("', ")
                        .append("left(coalesce(e.")
                        .append(column)
                        .append("::text, ''), 64))");
            }
        });
        return """
                INSERT INTO rollup_daily (day, repo_source, nsapp, dim, val, status, executions, duration_sum, duration_count)
                SELECT (e.started_at AT TIME ZONE 'UTC')::date, coalesce(e.repo_source, ''), e.nsapp, d.dim, d.val, e.status,
                       count(*), coalesce(sum(e.install_duration), 0), count(e.install_duration)
                FROM executions e CROSS JOIN LATERAL (VALUES %s) AS d(dim, val)
                WHERE e.started_at >= ? AND d.val <> ''
                GROUP BY 1, 2, 3, 4, 5, 6""".formatted(pairs);
    }

    public static LocalDate dayOf(Object startedAt) {
        if (startedAt instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        }
        if (startedAt instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC).toLocalDate();
        }
        throw new IllegalArgumentException("started_at missing: " + startedAt);
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
