package dev.opsuite.telemetry.stats;

import dev.opsuite.telemetry.TestDb;
import dev.opsuite.telemetry.stats.Dashboard.Count;
import dev.opsuite.telemetry.stats.Dashboard.DailyPoint;
import dev.opsuite.telemetry.stats.Dashboard.ErrorPattern;
import dev.opsuite.telemetry.stats.Dashboard.FailureRank;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every dashboard figure computed again with plain SQL over the raw execution rows (no rollups). */
final class IndependentFigures {
    private final TestDb db;
    private final int minInstalls;

    IndependentFigures(TestDb db, int minInstalls) {
        this.db = db;
        this.minInstalls = minInstalls;
    }

    Dashboard compute(StatsFilter f) {
        List<Object> p = new ArrayList<>();
        StringBuilder w = new StringBuilder(" WHERE true");
        if (f.since() != null) {
            w.append(" AND (started_at AT TIME ZONE 'UTC')::date >= ?");
            p.add(f.since());
        }
        if (f.repo() != null) {
            w.append(" AND coalesce(repo_source, '') = ?");
            p.add(f.repo());
        }
        if (f.app() != null) {
            w.append(" AND nsapp = ?");
            p.add(f.app());
        }
        String where = w.toString();
        Object[] args = p.toArray();
        Map<String, Object> t = db.rows(
                        "SELECT count(*) AS total,"
                                + " count(*) FILTER (WHERE status = 'success') AS success, count(*) FILTER (WHERE status = 'failed') AS failed,"
                                + " count(*) FILTER (WHERE status = 'aborted') AS aborted, count(*) FILTER (WHERE status = 'installing') AS installing,"
                                + " count(*) FILTER (WHERE status = 'unknown') AS unknown,"
                                + " round(avg(install_duration) FILTER (WHERE status = 'success'), 1) AS avg_duration,"
                                + " coalesce(round(count(*) FILTER (WHERE status = 'success') * 100.0"
                                + "   / nullif(count(*) FILTER (WHERE status IN ('success', 'failed')), 0), 2), 0) AS rate"
                                + " FROM executions" + where,
                        args)
                .get(0);
        List<Count> topApps = counts(
                "SELECT nsapp, count(*) AS n FROM executions" + where
                        + " GROUP BY nsapp ORDER BY n DESC, nsapp COLLATE \"C\" LIMIT 10",
                args);
        List<FailureRank> ranking = new ArrayList<>();
        List<Object> rankArgs = new ArrayList<>(p);
        rankArgs.add(minInstalls);
        for (Map<String, Object> r : db.rows(
                "SELECT nsapp, count(*) AS total, count(*) FILTER (WHERE status = 'failed') AS failed,"
                        + " round(count(*) FILTER (WHERE status = 'failed') * 100.0 / count(*), 2) AS rate FROM executions"
                        + where
                        + " GROUP BY nsapp HAVING count(*) >= ? ORDER BY rate DESC, failed DESC, nsapp COLLATE \"C\" LIMIT 20",
                rankArgs.toArray())) {
            ranking.add(new FailureRank(
                    (String) r.get("nsapp"), num(r.get("total")), num(r.get("failed")), dbl(r.get("rate"))));
        }
        List<ErrorPattern> errors = new ArrayList<>();
        for (Map<String, Object> r : db.rows(
                "SELECT error_pattern, count(*) AS n,"
                        + " array_to_string((array_agg(DISTINCT nsapp COLLATE \"C\" ORDER BY nsapp COLLATE \"C\"))[1:10], '|') AS apps"
                        + " FROM executions" + where
                        + " AND status = 'failed' AND error_pattern IS NOT NULL AND error_pattern <> ''"
                        + " GROUP BY error_pattern ORDER BY n DESC, error_pattern COLLATE \"C\" LIMIT 20",
                args)) {
            errors.add(new ErrorPattern((String) r.get("error_pattern"), num(r.get("n")), apps(r.get("apps"))));
        }
        List<DailyPoint> daily = new ArrayList<>();
        for (Map<String, Object> r : db.rows(
                "SELECT (started_at AT TIME ZONE 'UTC')::date::text AS day, count(*) AS total,"
                        + " count(*) FILTER (WHERE status = 'success') AS s, count(*) FILTER (WHERE status = 'failed') AS f,"
                        + " count(*) FILTER (WHERE status = 'aborted') AS a, count(*) FILTER (WHERE status = 'installing') AS i,"
                        + " count(*) FILTER (WHERE status = 'unknown') AS u FROM executions" + where
                        + " GROUP BY 1 ORDER BY 1",
                args)) {
            daily.add(new DailyPoint(
                    (String) r.get("day"),
                    num(r.get("total")),
                    num(r.get("s")),
                    num(r.get("f")),
                    num(r.get("a")),
                    num(r.get("i")),
                    num(r.get("u"))));
        }
        Object avg = t.get("avg_duration");
        return new Dashboard(
                f.days(),
                f.repo(),
                f.app(),
                num(t.get("total")),
                num(t.get("success")),
                num(t.get("failed")),
                num(t.get("aborted")),
                num(t.get("installing")),
                num(t.get("unknown")),
                dbl(t.get("rate")),
                avg == null ? null : dbl(avg),
                topApps,
                distribution("os_type", where, args),
                distribution("method", where, args),
                distribution("pve_version", where, args),
                distribution("type", where, args),
                distribution("error_category", where, args),
                distribution("gpu_vendor", where, args),
                distribution("gpu_passthrough", where, args),
                distribution("cpu_vendor", where, args),
                errors,
                ranking,
                daily);
    }

    private List<Count> distribution(String column, String where, Object[] args) {
        return counts(
                "SELECT " + column + ", count(*) AS n FROM executions" + where + " AND " + column + " IS NOT NULL AND "
                        + column + " <> '' GROUP BY 1 ORDER BY n DESC, " + column + " COLLATE \"C\" LIMIT 20",
                args);
    }

    private List<Count> counts(String sql, Object[] args) {
        List<Count> out = new ArrayList<>();
        for (Map<String, Object> r : db.rows(sql, args)) {
            var it = r.values().iterator();
            out.add(new Count((String) it.next(), num(it.next())));
        }
        return out;
    }

    private static List<String> apps(Object joined) {
        return List.of(((String) joined).split("\\|"));
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    private static double dbl(Object o) {
        return o instanceof BigDecimal d ? d.doubleValue() : ((Number) o).doubleValue();
    }
}
