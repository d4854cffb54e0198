package dev.opsuite.telemetry.domain;

import java.time.LocalDate;
import java.util.List;

/** Which rollup rows a statistic reads: days from {@code since} on (null: all time), one repo, one app. */
public record RollupFilter(LocalDate since, String repo, String app) {

    public static final RollupFilter ALL_TIME = new RollupFilter(null, null, null);

    /** SQL conditions on a daily rollup table (columns day, repo_source, nsapp), appending their parameters. */
    String where(List<Object> params) {
        StringBuilder where = new StringBuilder(" WHERE true");
        if (since != null) {
            where.append(" AND day >= ?");
            params.add(since);
        }
        return where.append(repoAndApp(params)).toString();
    }

    /**
     * The range's rows of a table with a daily and a monthly twin ({@code rollup_apps} for
     * rollup_apps_daily and rollup_apps_monthly), as a derived table {@code r} of {@code columns}:
     * the whole months from the range's first whole month on from the monthly table, the days before
     * it (the partial first month) from the daily one. A range always runs up to today and on, so its
     * last month is whole too. Appends the parameters.
     */
    String rows(String table, String columns, List<Object> params) {
        if (since == null) {
            return "(SELECT " + columns + " FROM " + table + "_monthly WHERE true" + repoAndApp(params) + ") r";
        }
        LocalDate firstWholeMonth = since.getDayOfMonth() == 1 ? since : Rollups.monthOf(since.plusMonths(1));
        StringBuilder rows = new StringBuilder("(");
        if (since.isBefore(firstWholeMonth)) {
            rows.append("SELECT ")
                    .append(columns)
                    .append(" FROM ")
                    .append(table)
                    .append("_daily WHERE day >= ? AND day < ?");
            params.add(since);
            params.add(firstWholeMonth);
            rows.append(repoAndApp(params)).append(" UNION ALL ");
        }
        rows.append("SELECT ").append(columns).append(" FROM ").append(table).append("_monthly WHERE month >= ?");
        params.add(firstWholeMonth);
        return rows.append(repoAndApp(params)).append(") r").toString();
    }

    private String repoAndApp(List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (repo != null) {
            where.append(" AND repo_source = ?");
            params.add(repo);
        }
        if (app != null) {
            where.append(" AND nsapp = ?");
            params.add(app);
        }
        return where.toString();
    }
}
