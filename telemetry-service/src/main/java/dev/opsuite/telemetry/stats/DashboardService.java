package dev.opsuite.telemetry.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.telemetry.TelemetryConfig;
import dev.opsuite.telemetry.domain.ExecutionStatus;
import dev.opsuite.telemetry.domain.RollupDimension;
import dev.opsuite.telemetry.domain.RollupFilter;
import dev.opsuite.telemetry.domain.RollupRepository;
import dev.opsuite.telemetry.domain.RollupRepository.AppStatusCount;
import dev.opsuite.telemetry.domain.RollupRepository.AppsGroup;
import dev.opsuite.telemetry.domain.RollupRepository.DimensionCount;
import dev.opsuite.telemetry.domain.RollupRepository.PatternApps;
import dev.opsuite.telemetry.stats.Dashboard.Count;
import dev.opsuite.telemetry.stats.Dashboard.DailyPoint;
import dev.opsuite.telemetry.stats.Dashboard.ErrorPattern;
import dev.opsuite.telemetry.stats.Dashboard.FailureRank;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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

    private final RollupRepository rollups;
    private final TelemetryConfig.Dashboard config;
    private final Map<StatsFilter, Cached> cache = new ConcurrentHashMap<>();
    private final Set<StatsFilter> refreshing = ConcurrentHashMap.newKeySet();

    public DashboardService(RollupRepository rollups, TelemetryConfig config) {
        this.rollups = rollups;
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
        Map<String, Map<String, Long>> perApp = new TreeMap<>();
        for (AppStatusCount row : rollups.appStatusCounts(filter.rollups())) {
            perApp.computeIfAbsent(row.app(), k -> new HashMap<>()).merge(row.status(), row.executions(), Long::sum);
        }
        return appStats(perApp);
    }

    /** Error patterns (top 50) of the range. */
    public List<ErrorPattern> errors(StatsFilter filter, int limit) {
        return errorPatterns(filter.rollups(), limit);
    }

    public List<Count> errorCategories(StatsFilter filter) {
        return distributions(filter.rollups()).getOrDefault(RollupDimension.CATEGORY.key(), List.of());
    }

    Dashboard compute(StatsFilter f) {
        RollupFilter range = f.rollups();
        AllApps all = allApps(range);
        Map<String, long[]> byStatus = all.byStatus();
        long success = get(byStatus, ExecutionStatus.SUCCESS, 0);
        long failed = get(byStatus, ExecutionStatus.FAILED, 0);
        long aborted = get(byStatus, ExecutionStatus.ABORTED, 0);
        long installing = get(byStatus, ExecutionStatus.INSTALLING, 0);
        long unknown = get(byStatus, ExecutionStatus.UNKNOWN, 0);
        long total = byStatus.values().stream().mapToLong(v -> v[0]).sum();
        long durationCount = get(byStatus, ExecutionStatus.SUCCESS, 2);
        Double avgDuration = durationCount == 0
                ? null
                : round(get(byStatus, ExecutionStatus.SUCCESS, 1) / (double) durationCount, 1);

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
                        .thenComparing(
                                Comparator.comparingLong(FailureRank::failed).reversed())
                        .thenComparing(FailureRank::app))
                .limit(TOP_FAILURES)
                .toList();

        Map<String, List<Count>> dims = distributions(range);
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
                dimension(dims, RollupDimension.OS),
                dimension(dims, RollupDimension.METHOD),
                dimension(dims, RollupDimension.PVE),
                dimension(dims, RollupDimension.TYPE),
                dimension(dims, RollupDimension.CATEGORY),
                dimension(dims, RollupDimension.GPU_VENDOR),
                dimension(dims, RollupDimension.GPU_PASSTHROUGH),
                dimension(dims, RollupDimension.CPU_VENDOR),
                errorPatterns(range, TOP_ERRORS),
                ranking,
                daily(all.perDay()));
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

    private static List<AppStats> appStats(Map<String, Map<String, Long>> perApp) {
        List<AppStats> out = new ArrayList<>();
        perApp.forEach((app, counts) -> {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            if (total <= 0) {
                return;
            }
            long success = count(counts, ExecutionStatus.SUCCESS);
            long failed = count(counts, ExecutionStatus.FAILED);
            out.add(new AppStats(
                    app,
                    total,
                    success,
                    failed,
                    count(counts, ExecutionStatus.ABORTED),
                    count(counts, ExecutionStatus.INSTALLING),
                    count(counts, ExecutionStatus.UNKNOWN),
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

    private AllApps allApps(RollupFilter range) {
        AllApps all = new AllApps(new TreeMap<>(), new TreeMap<>(), new HashMap<>());
        for (AppsGroup group : rollups.appsGroups(range)) {
            if (group.perApp()) {
                all.perApp()
                        .computeIfAbsent(group.app(), k -> new HashMap<>())
                        .merge(group.status(), group.executions(), Long::sum);
                long[] t = all.byStatus().computeIfAbsent(group.status(), k -> new long[3]);
                t[0] += group.executions();
                t[1] += group.durationSum();
                t[2] += group.durationCount();
            } else {
                all.perDay()
                        .computeIfAbsent(group.day().toString(), k -> new HashMap<>())
                        .merge(group.status(), group.executions(), Long::sum);
            }
        }
        return all;
    }

    /** Per dimension key, its values with their counts (top {@value #TOP_VALUES}, most frequent first). */
    private Map<String, List<Count>> distributions(RollupFilter range) {
        Map<String, List<Count>> out = new LinkedHashMap<>();
        for (DimensionCount row : rollups.dimensionCounts(range)) {
            out.computeIfAbsent(row.dim(), k -> new ArrayList<>()).add(new Count(row.val(), row.executions()));
        }
        out.replaceAll((dim, list) -> list.stream()
                .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::value))
                .limit(TOP_VALUES)
                .toList());
        return out;
    }

    private static List<Count> dimension(Map<String, List<Count>> dims, RollupDimension dimension) {
        return dims.getOrDefault(dimension.key(), List.of());
    }

    /** The range's top error patterns, most frequent first, each with its first apps by name. */
    private List<ErrorPattern> errorPatterns(RollupFilter range, int limit) {
        List<ErrorPattern> out = new ArrayList<>();
        for (PatternApps row : rollups.topPatterns(range, limit)) {
            out.add(new ErrorPattern(
                    row.pattern(),
                    row.executions(),
                    row.apps().stream().sorted().limit(APPS_PER_ERROR).toList()));
        }
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
                        count(counts, ExecutionStatus.SUCCESS),
                        count(counts, ExecutionStatus.FAILED),
                        count(counts, ExecutionStatus.ABORTED),
                        count(counts, ExecutionStatus.INSTALLING),
                        count(counts, ExecutionStatus.UNKNOWN)));
            }
        });
        return out;
    }

    private static long count(Map<String, Long> byStatus, ExecutionStatus status) {
        return byStatus.getOrDefault(status.value(), 0L);
    }

    private static long get(Map<String, long[]> m, ExecutionStatus status, int index) {
        long[] v = m.get(status.value());
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
