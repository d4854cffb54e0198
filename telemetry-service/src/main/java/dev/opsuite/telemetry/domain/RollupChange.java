package dev.opsuite.telemetry.domain;

import java.time.LocalDate;

/**
 * A delta to one row of {@code rollup_apps_daily} (dim "all": an app's totals), of {@code rollup_status_daily}
 * (dim "all" without the app: all apps' totals of the day), of {@code rollup_daily} (one dimension value of an
 * app), of {@code rollup_dims_daily} (the same without the app: nsapp == null) or of {@code rollup_errors_daily}
 * (pattern != null). With {@code day} the first of a month, the same delta to the monthly twin of the table.
 */
public record RollupChange(
        LocalDate day,
        String repoSource,
        String nsapp,
        String dim,
        String val,
        String status,
        String pattern,
        long executions,
        long durationSum,
        long durationCount) {

    public boolean isError() {
        return pattern != null;
    }

    /** A row of the per-app totals. */
    public boolean isAppTotal() {
        return Rollups.ALL.equals(dim) && nsapp != null && pattern == null;
    }

    /** A row of all apps' totals per day and status. */
    public boolean isDayTotal() {
        return Rollups.ALL.equals(dim) && nsapp == null && pattern == null;
    }

    /** A row of the app-less distribution rollup. */
    public boolean isAllApps() {
        return nsapp == null && pattern == null && !Rollups.ALL.equals(dim);
    }

    /** A row of one dimension value of an app. */
    public boolean isAppDimension() {
        return !isAppTotal() && !isDayTotal() && !isAllApps() && !isError();
    }

    /** The same delta on another day (the month's first day, for the monthly tables). */
    RollupChange onDay(LocalDate other) {
        return new RollupChange(
                other, repoSource, nsapp, dim, val, status, pattern, executions, durationSum, durationCount);
    }

    String sortKey() {
        return day + "|" + repoSource + "|" + nsapp + "|" + dim + "|" + val + "|" + status + "|" + pattern;
    }
}
