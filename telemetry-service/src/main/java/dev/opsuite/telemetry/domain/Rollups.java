package dev.opsuite.telemetry.domain;

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
 * Keeps the daily and monthly rollups in step with the executions: an execution contributes one count
 * (and its install duration) to the rows of its day (and month), repo, app, current status and each
 * dimension value; a change of the execution moves its contribution. The deltas are applied by
 * {@link RollupRepository#apply} in the transaction that writes the execution.
 */
public final class Rollups {
    /** The {@code dim} of an app's totals: rows of {@code rollup_apps_daily}. */
    static final String ALL = "all";

    private static final int MAX_VALUE = 64;

    private Rollups() {}

    /** The changes that move an execution from {@code before} (null = new) to {@code after}. */
    public static List<RollupChange> changes(Execution before, Execution after) {
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

    /**
     * The monthly rollups' share of combined daily changes: each moved to the first day of its month
     * and combined again (sorted, one delta per row). All apps' day totals have no monthly table.
     */
    public static List<RollupChange> monthly(List<RollupChange> daily) {
        List<RollupChange> moved = new ArrayList<>(daily.size());
        for (RollupChange c : daily) {
            if (!c.isDayTotal()) {
                moved.add(c.onDay(monthOf(c.day())));
            }
        }
        return combine(moved);
    }

    /** The monthly rollup row of a day: the first day of its month. */
    public static LocalDate monthOf(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    private static void contribute(Execution e, int sign, Map<String, RollupChange> into) {
        LocalDate day = dayOf(e.startedAt());
        String repo = text(e.repoSource());
        String app = text(e.nsapp());
        String status = e.status().value();
        long duration = e.installDuration() == null ? 0 : e.installDuration();
        long durationCount = e.installDuration() == null ? 0 : 1;
        add(into, new RollupChange(day, repo, app, ALL, "", status, null, sign, sign * duration, sign * durationCount));
        add(into, new RollupChange(day, repo, null, ALL, "", status, null, sign, 0, 0));
        for (RollupDimension dim : RollupDimension.values()) {
            String val = text(dim.of(e));
            if (val.isEmpty()) {
                continue;
            }
            val = truncate(val, MAX_VALUE);
            add(
                    into,
                    new RollupChange(
                            day, repo, app, dim.key(), val, status, null, sign, sign * duration, sign * durationCount));
            add(into, new RollupChange(day, repo, null, dim.key(), val, status, null, sign, 0, 0));
        }
        String pattern = e.errorPattern();
        if (e.status() == ExecutionStatus.FAILED && pattern != null && !pattern.isEmpty()) {
            add(into, new RollupChange(day, repo, app, "", "", "", pattern, sign, 0, 0));
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

    /** The rollup day of an execution: the UTC date of its start. */
    public static LocalDate dayOf(OffsetDateTime startedAt) {
        return startedAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
