package dev.opsuite.telemetry.domain;

import java.time.LocalDate;
import java.util.List;

/** Which rollup rows a statistic reads: days from {@code since} on (null: all time), one repo, one app. */
public record RollupFilter(LocalDate since, String repo, String app) {

    public static final RollupFilter ALL_TIME = new RollupFilter(null, null, null);

    /** SQL conditions on a rollup table (columns day, repo_source, nsapp), appending their parameters. */
    String where(List<Object> params) {
        StringBuilder where = new StringBuilder(" WHERE true");
        if (since != null) {
            where.append(" AND day >= ?");
            params.add(since);
        }
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
