package dev.opsuite.telemetry.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.telemetry.TelemetryConfig;
import dev.opsuite.telemetry.stats.Dashboard.Count;
import dev.opsuite.telemetry.stats.Dashboard.DailyPoint;
import dev.opsuite.telemetry.stats.Dashboard.ErrorPattern;
import dev.opsuite.telemetry.stats.Dashboard.FailureRank;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Computes the dashboard from the daily rollup tables only (never the raw events), and caches
 * answers briefly: seconds when the range is today, minutes for longer ranges.
 */
@ApplicationScoped
public class DashboardService {
    private static final Logger LOG = Logger.getLogger(DashboardService.class);
    static final int TOP_APPS = 10;
    static final int TOP_VALUES = 20;
    static final int TOP_ERRORS = 20;
    static final int TOP_FAILURES = 20;
    static final int APPS_PER_ERROR = 10;

    private record Cached(Dashboard value, long expiresAtNanos) {}

    private final DataSource dataSource;
    private final TelemetryConfig.Dashboard config;
    private final Map<StatsFilter, Cached> cache = new ConcurrentHashMap<>();
    private final Set<StatsFilter> refreshing = ConcurrentHashMap.newKeySet();

    public DashboardService(DataSource dataSource, TelemetryConfig config) {
        this.dataSource = dataSource;
        this.config = config.dashboard();
    }

    /**
     * Cached answers (seconds for today, minutes for longer ranges). Once expired, an answer is
     * still served for one more lifetime while a single background computation replaces it, so
     * only the first request of a range ever waits for the rollups.
     */
    public Dashboard dashboard(StatsFilter filter) {
        Duration ttl = filter.days() == 1 ? config.cacheShort() : config.cacheLong();
        long now = System.nanoTime();
        Cached hit = cache.get(filter);
        if (hit != null) {
            long expiredFor = now - hit.expiresAtNanos;
            if (expiredFor < 0) {
                return hit.value;
            }
            if (expiredFor < ttl.toNanos()) {
                if (refreshing.add(filter)) {
                    Infrastructure.getDefaultWorkerPool().execute(() -> refresh(filter, ttl));
                }
                return hit.value;
            }
        }
        return computeAndCache(filter, ttl);
    }

    private void refresh(StatsFilter filter, Duration ttl) {
        try {
            computeAndCache(filter, ttl);
        } catch (RuntimeException e) {
            LOG.warnf("dashboard refresh for %s failed (the cached answer stays until it is too old): %s", filter, e);
        } finally {
            refreshing.remove(filter);
        }
    }

    private Dashboard computeAndCache(StatsFilter filter, Duration ttl) {
        long started = System.nanoTime();
        Dashboard fresh = compute(filter);
        if (!ttl.isZero()) {
            if (cache.size() > 1000) {
                cache.clear();
            }
            cache.put(filter, new Cached(fresh, started + ttl.toNanos()));
        }
        return fresh;
    }

    /** Per-app totals by status, for the apps endpoint and the ranking. */
    public List<AppStats> apps(StatsFilter filter) {
        try (Connection c = dataSource.getConnection()) {
            return appStats(c, filter);
        } catch (SQLException e) {
            throw new IllegalStateException("apps statistics failed", e);
        }
    }

    /** Error patterns (top 50) of the range. */
    public List<ErrorPattern> errors(StatsFilter filter, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return errorPatterns(c, filter, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("error statistics failed", e);
        }
    }

    public List<Count> errorCategories(StatsFilter filter) {
        try (Connection c = dataSource.getConnection()) {
            return distributions(c, filter).getOrDefault("category", List.of());
        } catch (SQLException e) {
            throw new IllegalStateException("error statistics failed", e);
        }
    }

    Dashboard compute(StatsFilter f) {
        try (Connection c = dataSource.getConnection()) {
            AllApps all = allApps(c, f);
            Map<String, long[]> byStatus = all.byStatus();
            long success = get(byStatus, "success", 0);
            long failed = get(byStatus, "failed", 0);
            long aborted = get(byStatus, "aborted", 0);
            long installing = get(byStatus, "installing", 0);
            long unknown = get(byStatus, "unknown", 0);
            long total = byStatus.values().stream().mapToLong(v -> v[0]).sum();
            long durationCount = get(byStatus, "success", 2);
            Double avgDuration =
                    durationCount == 0 ? null : round(get(byStatus, "success", 1) / (double) durationCount, 1);

            List<AppStats> apps = appStats(all.perApp());
            List<Count> topApps = apps.stream()
                    .sorted(Comparator.comparingLong(AppStats::total).reversed().thenComparing(AppStats::app))
                    .limit(TOP_APPS)
                    .map(a -> new Count(a.app(), a.total()))
                    .toList();
            List<FailureRank> ranking = apps.stream()
                    .filter(a -> a.total() >= config.minInstalls())
                    .map(a -> new FailureRank(a.app(), a.total(), a.failed(), percent(a.failed(), a.total())))
                    .sorted(Comparator.comparingDouble(FailureRank::failureRate)
                            .reversed()
                            .thenComparing(Comparator.comparingLong(FailureRank::failed)
                                    .reversed())
                            .thenComparing(FailureRank::app))
                    .limit(TOP_FAILURES)
                    .toList();

            Map<String, List<Count>> dims = distributions(c, f);
            return new Dashboard(
                    f.days(),
                    f.repo(),
                    f.app(),
                    total,
                    success,
                    failed,
                    aborted,
                    installing,
                    unknown,
                    percent(success, success + failed),
                    avgDuration,
                    topApps,
                    dims.getOrDefault("os", List.of()),
                    dims.getOrDefault("method", List.of()),
                    dims.getOrDefault("pve", List.of()),
                    dims.getOrDefault("type", List.of()),
                    dims.getOrDefault("category", List.of()),
                    dims.getOrDefault("gpu_vendor", List.of()),
                    dims.getOrDefault("gpu_pt", List.of()),
                    dims.getOrDefault("cpu_vendor", List.of()),
                    errorPatterns(c, f, TOP_ERRORS),
                    ranking,
                    daily(all.perDay()));
        } catch (SQLException e) {
            throw new IllegalStateException("dashboard query failed", e);
        }
    }

    /** One app's executions by current status. */
    public record AppStats(
            String app,
            long total,
            long success,
            long failed,
            long aborted,
            long installing,
            long unknown,
            @JsonProperty("success_rate") double successRate) {}

    private List<AppStats> appStats(Connection c, StatsFilter f) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT nsapp, status, sum(executions) FROM rollup_apps_daily WHERE true" + f.rollupWhere(params)
                + " GROUP BY nsapp, status";
        Map<String, Map<String, Long>> perApp = new TreeMap<>();
        query(
                c,
                sql,
                params,
                rs -> perApp.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .merge(rs.getString(2), rs.getLong(3), Long::sum));
        return appStats(perApp);
    }

    private static List<AppStats> appStats(Map<String, Map<String, Long>> perApp) {
        List<AppStats> out = new ArrayList<>();
        perApp.forEach((app, counts) -> {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            if (total <= 0) {
                return;
            }
            long success = counts.getOrDefault("success", 0L);
            long failed = counts.getOrDefault("failed", 0L);
            out.add(new AppStats(
                    app,
                    total,
                    success,
                    failed,
                    counts.getOrDefault("aborted", 0L),
                    counts.getOrDefault("installing", 0L),
                    counts.getOrDefault("unknown", 0L),
                    percent(success, success + failed)));
        });
        out.sort(Comparator.comparingLong(AppStats::total).reversed().thenComparing(AppStats::app));
        return out;
    }

    /**
     * The range's per-app totals (rollup_apps_daily), read in one scan: executions per app and status, per day and
     * status, and executions plus install durations per status.
     */
    private record AllApps(
            Map<String, Map<String, Long>> perApp,
            Map<String, Map<String, Long>> perDay,
            Map<String, long[]> byStatus) {}

    private AllApps allApps(Connection c, StatsFilter f) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT GROUPING(day), day, nsapp, status, sum(executions), sum(duration_sum), sum(duration_count)"
                + " FROM rollup_apps_daily WHERE true" + f.rollupWhere(params)
                + " GROUP BY GROUPING SETS ((nsapp, status), (day, status))";
        AllApps all = new AllApps(new TreeMap<>(), new TreeMap<>(), new HashMap<>());
        query(c, sql, params, rs -> {
            String status = rs.getString(4);
            long executions = rs.getLong(5);
            if (rs.getInt(1) == 1) { // day aggregated away: an (app, status) group
                all.perApp()
                        .computeIfAbsent(rs.getString(3), k -> new HashMap<>())
                        .merge(status, executions, Long::sum);
                long[] t = all.byStatus().computeIfAbsent(status, k -> new long[3]);
                t[0] += executions;
                t[1] += rs.getLong(6);
                t[2] += rs.getLong(7);
            } else {
                all.perDay()
                        .computeIfAbsent(rs.getObject(2, LocalDate.class).toString(), k -> new HashMap<>())
                        .merge(status, executions, Long::sum);
            }
        });
        return all;
    }

    private Map<String, List<Count>> distributions(Connection c, StatsFilter f) throws SQLException {
        List<Object> params = new ArrayList<>();
        // without an app filter the app-less rollup has the same figures in far fewer rows
        String table = f.app() == null ? "rollup_dims_daily" : "rollup_daily";
        String sql = "SELECT dim, val, sum(executions) AS n FROM " + table + " WHERE true" + f.rollupWhere(params)
                + " GROUP BY dim, val HAVING sum(executions) > 0";
        Map<String, List<Count>> out = new LinkedHashMap<>();
        query(
                c,
                sql,
                params,
                rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Count(rs.getString(2), rs.getLong(3))));
        out.replaceAll((dim, list) -> list.stream()
                .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::value))
                .limit(TOP_VALUES)
                .toList());
        return out;
    }

    private List<ErrorPattern> errorPatterns(Connection c, StatsFilter f, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT pattern, nsapp, sum(executions) FROM rollup_errors_daily WHERE true"
                + f.rollupWhere(params) + " GROUP BY pattern, nsapp HAVING sum(executions) > 0";
        Map<String, Map<String, Long>> perPattern = new HashMap<>();
        query(
                c,
                sql,
                params,
                rs -> perPattern
                        .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .put(rs.getString(2), rs.getLong(3)));
        List<ErrorPattern> out = new ArrayList<>();
        perPattern.forEach((pattern, apps) -> out.add(new ErrorPattern(
                pattern,
                apps.values().stream().mapToLong(Long::longValue).sum(),
                apps.keySet().stream().limit(APPS_PER_ERROR).toList())));
        out.sort(Comparator.comparingLong(ErrorPattern::count).reversed().thenComparing(ErrorPattern::pattern));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private static List<DailyPoint> daily(Map<String, Map<String, Long>> perDay) {
        List<DailyPoint> out = new ArrayList<>();
        perDay.forEach((day, counts) -> {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            if (total > 0) {
                out.add(new DailyPoint(
                        day,
                        total,
                        counts.getOrDefault("success", 0L),
                        counts.getOrDefault("failed", 0L),
                        counts.getOrDefault("aborted", 0L),
                        counts.getOrDefault("installing", 0L),
                        counts.getOrDefault("unknown", 0L)));
            }
        });
        return out;
    }

    @FunctionalInterface
    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    static void query(Connection c, String sql, List<Object> params, RowHandler handler) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }

    private static long get(Map<String, long[]> m, String status, int index) {
        long[] v = m.get(status);
        return v == null ? 0 : v[index];
    }

    /** part/whole in percent, two decimals; 0 when whole is 0. */
    public static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : round(part * 100.0 / whole, 2);
    }

    static double round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
