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
     * rollup_apps_daily and rollup_apps_monthly), as a derived table {@code r} of {@code keys} and
     * {@code measures} (summed columns): every month the range touches from the monthly table (a
     * range always runs up to today and on, so only its first month can be partial), and for a first
     * month that the range cuts, its days in the range added from the daily table, or, when fewer,
     * its days before the range subtracted (sums: the result is the same to the unit). At most half
     * a month of daily rows is read. Appends the parameters.
     */
    String rows(String table, String keys, String measures, List<Object> params) {
        String monthly = "SELECT " + keys + ", " + measures + " FROM " + table + "_monthly WHERE true";
        if (since == null) {
            return "(" + monthly + repoAndApp(params) + ") r";
        }
        LocalDate month = Rollups.monthOf(since);
        int daysBefore = since.getDayOfMonth() - 1;
        int daysIn = since.lengthOfMonth() - daysBefore;
        if (daysBefore == 0) {
            params.add(month);
            return "(" + monthly + " AND month >= ?" + repoAndApp(params) + ") r";
        }
        if (daysBefore < daysIn) { // the whole first month, less its days before the range
            StringBuilder negated = new StringBuilder();
            for (String measure : measures.split(",")) {
                negated.append(negated.isEmpty() ? "" : ", ").append('-').append(measure.strip());
            }
            params.add(month);
            String sql = "(" + monthly + " AND month >= ?" + repoAndApp(params) + " UNION ALL SELECT " + keys + ", "
                    + negated + " FROM " + table + "_daily WHERE day >= ? AND day < ?";
            params.add(month);
            params.add(since);
            return sql + repoAndApp(params) + ") r";
        }
        // the days of the first month in the range, then the whole months after it
        params.add(since);
        params.add(month.plusMonths(1));
        String sql = "(SELECT " + keys + ", " + measures + " FROM " + table + "_daily WHERE day >= ? AND day < ?"
                + repoAndApp(params) + " UNION ALL " + monthly + " AND month >= ?";
        params.add(month.plusMonths(1));
        return sql + repoAndApp(params) + ") r";
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
