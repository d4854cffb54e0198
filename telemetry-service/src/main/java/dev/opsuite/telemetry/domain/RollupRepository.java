package dev.opsuite.telemetry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Every statement on the rollup tables (JDBC): {@code rollup_apps_daily} (an app's totals per status),
 * {@code rollup_daily} (per app and dimension value), {@code rollup_dims_daily} (the same without the
 * app), {@code rollup_errors_daily} (error patterns per app), the monthly twin of each
 * ({@code rollup_apps_monthly}, {@code rollup_monthly}, …: a range reads its whole months there) and
 * {@code rollup_status_daily} (all apps' totals per day, for the daily series). Writes run in the
 * caller's transaction, the one that changes the executions; reads have a connection of their own.
 */
@ApplicationScoped
public class RollupRepository {
    // upserts of the tables that have a daily and a monthly twin: %1$s the period, %2$s its column
    private static final String UPSERT_APPS = """
            INSERT INTO rollup_apps_%1$s (%2$s, repo_source, nsapp, status, executions, duration_sum, duration_count)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (%2$s, repo_source, nsapp, status) DO UPDATE SET
              executions = rollup_apps_%1$s.executions + EXCLUDED.executions,
              duration_sum = rollup_apps_%1$s.duration_sum + EXCLUDED.duration_sum,
              duration_count = rollup_apps_%1$s.duration_count + EXCLUDED.duration_count""";
    private static final String UPSERT_APP_DIMENSIONS = """
            INSERT INTO rollup_%1$s (%2$s, repo_source, nsapp, dim, val, status, executions, duration_sum, duration_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (%2$s, repo_source, nsapp, dim, val, status) DO UPDATE SET
              executions = rollup_%1$s.executions + EXCLUDED.executions,
              duration_sum = rollup_%1$s.duration_sum + EXCLUDED.duration_sum,
              duration_count = rollup_%1$s.duration_count + EXCLUDED.duration_count""";
    private static final String UPSERT_DIMS = """
            INSERT INTO rollup_dims_%1$s (%2$s, repo_source, dim, val, status, executions) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (%2$s, repo_source, dim, val, status) DO UPDATE SET
              executions = rollup_dims_%1$s.executions + EXCLUDED.executions""";
    private static final String UPSERT_ERRORS = """
            INSERT INTO rollup_errors_%1$s (%2$s, repo_source, nsapp, pattern, executions) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (%2$s, repo_source, nsapp, pattern) DO UPDATE SET
              executions = rollup_errors_%1$s.executions + EXCLUDED.executions""";

    /** The daily tables and their monthly twins: the same columns, {@code day} or {@code month} first. */
    private enum Period {
        DAILY("daily", "day"),
        MONTHLY("monthly", "month");

        final String upsertApps;
        final String upsertAppDimensions;
        final String upsertDims;
        final String upsertErrors;

        Period(String suffix, String column) {
            upsertApps = UPSERT_APPS.formatted(suffix, column);
            upsertAppDimensions = UPSERT_APP_DIMENSIONS.formatted(suffix, column);
            upsertDims = UPSERT_DIMS.formatted(suffix, column);
            upsertErrors = UPSERT_ERRORS.formatted(suffix, column);
        }
    }

    private static final String UPSERT_STATUS = """
            INSERT INTO rollup_status_daily (day, repo_source, status, executions) VALUES (?, ?, ?, ?)
            ON CONFLICT (day, repo_source, status) DO UPDATE SET
              executions = rollup_status_daily.executions + EXCLUDED.executions""";

    /** The tables of both periods, by the name they share ({@code rollup_apps} for rollup_apps_daily/_monthly). */
    private static final List<String> PERIOD_TABLES = List.of("rollup_apps", "rollup", "rollup_dims", "rollup_errors");

    private final DataSource dataSource;

    public RollupRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies combined, sorted changes ({@link Rollups#combine}) in the caller's transaction, one JDBC
     * batch per table, the tables always in the same order (the daily ones, then the monthly ones):
     * every transaction locks rollup rows in the same order.
     */
    public void apply(Connection c, List<RollupChange> changes) throws SQLException {
        apply(c, Period.DAILY, changes);
        upsert(c, UPSERT_STATUS, changes, RollupChange::isDayTotal, (s, ch) -> {
            s.setObject(1, ch.day());
            s.setString(2, ch.repoSource());
            s.setString(3, ch.status());
            s.setLong(4, ch.executions());
        });
        apply(c, Period.MONTHLY, Rollups.monthly(changes));
    }

    private static void apply(Connection c, Period period, List<RollupChange> changes) throws SQLException {
        upsert(c, period.upsertApps, changes, RollupChange::isAppTotal, (s, ch) -> {
            s.setObject(1, ch.day());
            s.setString(2, ch.repoSource());
            s.setString(3, ch.nsapp());
            s.setString(4, ch.status());
            s.setLong(5, ch.executions());
            s.setLong(6, ch.durationSum());
            s.setLong(7, ch.durationCount());
        });
        upsert(c, period.upsertAppDimensions, changes, RollupChange::isAppDimension, (s, ch) -> {
            s.setObject(1, ch.day());
            s.setString(2, ch.repoSource());
            s.setString(3, ch.nsapp());
            s.setString(4, ch.dim());
            s.setString(5, ch.val());
            s.setString(6, ch.status());
            s.setLong(7, ch.executions());
            s.setLong(8, ch.durationSum());
            s.setLong(9, ch.durationCount());
        });
        upsert(c, period.upsertDims, changes, RollupChange::isAllApps, (s, ch) -> {
            s.setObject(1, ch.day());
            s.setString(2, ch.repoSource());
            s.setString(3, ch.dim());
            s.setString(4, ch.val());
            s.setString(5, ch.status());
            s.setLong(6, ch.executions());
        });
        upsert(c, period.upsertErrors, changes, RollupChange::isError, (s, ch) -> {
            s.setObject(1, ch.day());
            s.setString(2, ch.repoSource());
            s.setString(3, ch.nsapp());
            s.setString(4, ch.pattern());
            s.setLong(5, ch.executions());
        });
    }

    @FunctionalInterface
    private interface ChangeBinder {
        void bind(PreparedStatement s, RollupChange change) throws SQLException;
    }

    private static void upsert(
            Connection c, String sql, List<RollupChange> changes, Predicate<RollupChange> of, ChangeBinder binder)
            throws SQLException {
        PreparedStatement s = null;
        try {
            for (RollupChange change : changes) {
                if (!of.test(change)) {
                    continue;
                }
                if (s == null) {
                    s = c.prepareStatement(sql);
                }
                binder.bind(s, change);
                s.addBatch();
            }
            if (s != null) {
                s.executeBatch();
            }
        } finally {
            if (s != null) {
                s.close();
            }
        }
    }

    /** The rows a rebuild wrote, per table. */
    public record RebuiltRows(long apps, long daily, long dims, long errors, long dayTotals, long monthly) {}

    /**
     * Recomputes every rollup row of the days from {@code since} on from the executions, in the
     * caller's transaction (the SQL form of {@link Rollups#changes}; a test holds the two to the same
     * figures). The caller keeps writers of executions out meanwhile
     * ({@link ExecutionRepository#lockAgainstWriters}), so no delta is lost or doubled. This is the
     * one place outside {@link ExecutionRepository} that reads {@code executions}: an aggregate
     * straight into the rollup tables, which the rows never leave PostgreSQL for.
     */
    public RebuiltRows rebuild(Connection c, LocalDate since) throws SQLException {
        OffsetDateTime from = since.atStartOfDay().atOffset(ZoneOffset.UTC);
        try (var s = c.createStatement()) {
            // the aggregate of a year of executions fits in memory instead of spilling to sorted runs
            s.execute("SET LOCAL work_mem = '256MB'");
        }
        for (String table : List.of(
                "rollup_apps_daily",
                "rollup_daily",
                "rollup_dims_daily",
                "rollup_errors_daily",
                "rollup_status_daily")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE day >= ?")) {
                s.setObject(1, since);
                s.executeUpdate();
            }
        }
        long apps = update(c, """
                INSERT INTO rollup_apps_daily (day, repo_source, nsapp, status, executions, duration_sum, duration_count)
                SELECT (started_at AT TIME ZONE 'UTC')::date, coalesce(repo_source, ''), nsapp, status,
                       count(*), coalesce(sum(install_duration), 0), count(install_duration)
                FROM executions WHERE started_at >= ? GROUP BY 1, 2, 3, 4""", from);
        long daily = update(c, REBUILD_DAILY, from);
        long dims = update(c, """
                INSERT INTO rollup_dims_daily (day, repo_source, dim, val, status, executions)
                SELECT day, repo_source, dim, val, status, sum(executions) FROM rollup_daily
                WHERE day >= ? GROUP BY day, repo_source, dim, val, status""", since);
        long errors = update(c, """
                INSERT INTO rollup_errors_daily (day, repo_source, nsapp, pattern, executions)
                SELECT (started_at AT TIME ZONE 'UTC')::date, coalesce(repo_source, ''), nsapp, error_pattern, count(*)
                FROM executions
                WHERE started_at >= ? AND status = 'failed' AND coalesce(error_pattern, '') <> ''
                GROUP BY 1, 2, 3, 4""", from);
        long dayTotals = update(c, """
                INSERT INTO rollup_status_daily (day, repo_source, status, executions)
                SELECT day, repo_source, status, sum(executions) FROM rollup_apps_daily
                WHERE day >= ? GROUP BY day, repo_source, status""", since);
        return new RebuiltRows(apps, daily, dims, errors, dayTotals, rebuildMonthly(c, since));
    }

    /**
     * The monthly rows from the month of {@code since} on, summed from the daily rows: that month's
     * days before {@code since} keep their daily rows (perhaps past retention), and count again.
     */
    private static long rebuildMonthly(Connection c, LocalDate since) throws SQLException {
        LocalDate month = Rollups.monthOf(since);
        long rows = 0;
        for (String table : PERIOD_TABLES) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + "_monthly WHERE month >= ?")) {
                s.setObject(1, month);
                s.executeUpdate();
            }
        }
        rows += update(c, """
                INSERT INTO rollup_apps_monthly (month, repo_source, nsapp, status, executions, duration_sum, duration_count)
                SELECT date_trunc('month', day::timestamp)::date, repo_source, nsapp, status,
                       sum(executions), sum(duration_sum), sum(duration_count)
                FROM rollup_apps_daily WHERE day >= ? GROUP BY 1, 2, 3, 4""", month);
        rows += update(c, """
                INSERT INTO rollup_monthly (month, repo_source, nsapp, dim, val, status, executions, duration_sum, duration_count)
                SELECT date_trunc('month', day::timestamp)::date, repo_source, nsapp, dim, val, status,
                       sum(executions), sum(duration_sum), sum(duration_count)
                FROM rollup_daily WHERE day >= ? GROUP BY 1, 2, 3, 4, 5, 6""", month);
        rows += update(c, """
                INSERT INTO rollup_dims_monthly (month, repo_source, dim, val, status, executions)
                SELECT date_trunc('month', day::timestamp)::date, repo_source, dim, val, status, sum(executions)
                FROM rollup_dims_daily WHERE day >= ? GROUP BY 1, 2, 3, 4, 5""", month);
        rows += update(c, """
                INSERT INTO rollup_errors_monthly (month, repo_source, nsapp, pattern, executions)
                SELECT date_trunc('month', day::timestamp)::date, repo_source, nsapp, pattern, sum(executions)
                FROM rollup_errors_daily WHERE day >= ? GROUP BY 1, 2, 3, 4""", month);
        return rows;
    }

    /** One (dimension, value) pair per {@link RollupDimension}, when the execution has a value. */
    private static final String REBUILD_DAILY = rebuildDaily();

    private static String rebuildDaily() {
        StringBuilder pairs = new StringBuilder();
        for (RollupDimension dim : RollupDimension.values()) {
            pairs.append(pairs.isEmpty() ? "" : ", ")
                    .append("('")
                    .append(dim.key())
                    .append("', ")
                    .append("left(coalesce(e.")
                    .append(dim.column())
                    .append("::text, ''), 64))");
        }
        return """
                INSERT INTO rollup_daily (day, repo_source, nsapp, dim, val, status, executions, duration_sum, duration_count)
                SELECT (e.started_at AT TIME ZONE 'UTC')::date, coalesce(e.repo_source, ''), e.nsapp, d.dim, d.val, e.status,
                       count(*), coalesce(sum(e.install_duration), 0), count(e.install_duration)
                FROM executions e CROSS JOIN LATERAL (VALUES %s) AS d(dim, val)
                WHERE e.started_at >= ? AND d.val <> ''
                GROUP BY 1, 2, 3, 4, 5, 6""".formatted(pairs);
    }

    private static long update(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            return s.executeUpdate();
        }
    }

    /** An app's executions with one status in the range. */
    public record AppStatusCount(String app, String status, long executions) {}

    public List<AppStatusCount> appStatusCounts(RollupFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT nsapp, status, sum(executions) FROM "
                + filter.rows("rollup_apps", "nsapp, status", "executions", params)
                + " GROUP BY nsapp, status";
        return query(
                "per-app statistics",
                sql,
                params,
                rs -> new AppStatusCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    /**
     * A group of the range's per-app totals: per app and status ({@code day} null) or per day and
     * status ({@code app} null), with the summed install durations.
     */
    public record AppsGroup(
            LocalDate day, String app, String status, long executions, long durationSum, long durationCount) {
        public boolean perApp() {
            return day == null;
        }
    }

    /**
     * The per-app totals of the range in one round trip: per app and status (whole months from the
     * monthly table), and per day and status (all apps' day totals, or one app's daily rows).
     */
    public List<AppsGroup> appsGroups(RollupFilter filter) {
        List<Object> params = new ArrayList<>();
        String perDay = filter.app() == null ? "rollup_status_daily" : "rollup_apps_daily";
        String sql = "SELECT NULL::date, nsapp, status, sum(executions), sum(duration_sum), sum(duration_count) FROM "
                + filter.rows("rollup_apps", "nsapp, status", "executions, duration_sum, duration_count", params)
                + " GROUP BY nsapp, status"
                + " UNION ALL SELECT day, NULL, status, sum(executions), 0, 0 FROM " + perDay + filter.where(params)
                + " GROUP BY day, status";
        return query("per-app totals", sql, params, rs -> {
            LocalDate day = rs.getObject(1, LocalDate.class); // null: an (app, status) group
            return new AppsGroup(
                    day,
                    day == null ? rs.getString(2) : null,
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6));
        });
    }

    /** How many executions in the range have a value in a dimension. */
    public record DimensionCount(String dim, String val, long executions) {}

    public List<DimensionCount> dimensionCounts(RollupFilter filter) {
        List<Object> params = new ArrayList<>();
        // without an app filter the app-less rollup has the same figures in far fewer rows
        String table = filter.app() == null ? "rollup_dims" : "rollup";
        String sql =
                "SELECT dim, val, sum(executions) AS n FROM " + filter.rows(table, "dim, val", "executions", params)
                        + " GROUP BY dim, val HAVING sum(executions) > 0";
        return query(
                "distributions",
                sql,
                params,
                rs -> new DimensionCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    /** An error pattern of the range: how many failed executions show it, and every app they belong to. */
    public record PatternApps(String pattern, long executions, List<String> apps) {}

    /**
     * The range's most frequent error patterns: at least {@code limit} of them when there are, every
     * pattern as frequent as the {@code limit}-th included (the caller orders ties and cuts), each with
     * the apps that show it. Grouped in PostgreSQL: a long range has tens of thousands of (pattern, app)
     * rows, and only the top few patterns are wanted.
     */
    public List<PatternApps> topPatterns(RollupFilter filter, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = "WITH pa AS (SELECT pattern, nsapp, sum(executions) AS n FROM "
                + filter.rows("rollup_errors", "pattern, nsapp", "executions", params)
                + " GROUP BY pattern, nsapp HAVING sum(executions) > 0),"
                + " totals AS (SELECT pattern, sum(n) AS total FROM pa GROUP BY pattern),"
                + " cut AS (SELECT coalesce((SELECT total FROM totals ORDER BY total DESC OFFSET ? LIMIT 1), 0) AS total)"
                + " SELECT t.pattern, t.total, array_agg(pa.nsapp) FROM totals t JOIN pa ON pa.pattern = t.pattern, cut"
                + " WHERE t.total >= cut.total GROUP BY t.pattern, t.total";
        params.add(Math.max(0, limit - 1));
        return query("error patterns", sql, params, rs -> {
            Array apps = rs.getArray(3);
            try {
                return new PatternApps(rs.getString(1), rs.getLong(2), List.of((String[]) apps.getArray()));
            } finally {
                apps.free();
            }
        });
    }

    /** An error pattern and how many failed executions of all time show it. */
    public record PatternTotal(String pattern, long executions) {}

    /** The most frequent error patterns of all time, most frequent first. */
    public List<PatternTotal> topPatterns(int limit) {
        return query(
                "top error patterns",
                "SELECT pattern, sum(executions) AS n FROM rollup_errors_monthly"
                        + " GROUP BY pattern HAVING sum(executions) > 0 ORDER BY n DESC, pattern LIMIT ?",
                List.of(limit),
                rs -> new PatternTotal(rs.getString(1), rs.getLong(2)));
    }

    /** All-time executions per current status. */
    public Map<String, Long> executionsByStatus() {
        Map<String, Long> byStatus = new HashMap<>();
        query(
                        "totals by status",
                        "SELECT status, sum(executions) FROM rollup_apps_monthly GROUP BY status",
                        List.of(),
                        rs -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> byStatus.put(e.getKey(), e.getValue()));
        return byStatus;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String what, String sql, List<Object> params, RowMapper<T> mapper) {
        List<T> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading " + what, e);
        }
        return rows;
    }
}
