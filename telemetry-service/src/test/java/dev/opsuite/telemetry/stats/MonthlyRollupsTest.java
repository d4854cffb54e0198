package dev.opsuite.telemetry.stats;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.telemetry.TelemetryConfig;
import dev.opsuite.telemetry.TestDb;
import dev.opsuite.telemetry.domain.IngestStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Long ranges read their months from the monthly rollups, and a first month they cut corrected with
 * daily rows (its days in the range added, or its days before the range subtracted). Over executions
 * spread across 400 days, every figure of ranges whose first day falls anywhere in a month (on the
 * 1st, the day before, the 2nd, the 20th, and others) equals the figure computed from the raw
 * execution rows, and each monthly row is the sum of its days.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonthlyRollupsTest {
    private static final String NON_ZERO = " WHERE executions <> 0 OR duration_sum <> 0 OR duration_count <> 0";

    @Inject
    IngestStore store;

    @Inject
    DataSource dataSource;

    @Inject
    TelemetryConfig config;

    GeneratedData data;
    TestDb db;

    @BeforeAll
    void generate() throws Exception {
        data = new GeneratedData("m" + UUID.randomUUID().toString().substring(0, 5));
        data.writeTo(store, 1500, 7, 400);
        db = new TestDb(dataSource);
    }

    /** Ranges (days) whose first day is a month's 1st, the day before it and the day after it, and others. */
    private static List<Integer> rangesCuttingMonths() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        TreeSet<Integer> days = new TreeSet<>(List.of(2, 7, 30, 31, 45, 60, 90, 180, 200, 364, 365));
        for (int monthsBack : new int[] {0, 1, 3, 11}) {
            LocalDate first = today.minusMonths(monthsBack).withDayOfMonth(1);
            int toFirst = (int) ChronoUnit.DAYS.between(first, today) + 1; // the range starts on the 1st
            // from the 20th: its days added; from the 2nd: the month less its 1st; the 1st; the last day before
            for (int d : new int[] {toFirst - 19, toFirst - 1, toFirst, toFirst + 1}) {
                if (d >= 1 && d <= StatsFilter.MAX_DAYS) {
                    days.add(d);
                }
            }
        }
        return new ArrayList<>(days);
    }

    private Dashboard api(int days, String repo, String app) {
        var request = given().queryParam("days", days);
        if (repo != null) {
            request.queryParam("repo", repo);
        }
        if (app != null) {
            request.queryParam("app", app);
        }
        return request.get("/api/v1/telemetry/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .as(Dashboard.class);
    }

    private void assertSameAsRawRows(int days, String repo, String app) {
        Dashboard expected = new IndependentFigures(db, config.dashboard().minInstalls())
                .compute(StatsFilter.of(days, 1, repo, app));
        Dashboard actual = api(days, repo, app);
        String range = "days=" + days + " repo=" + repo + " app=" + app + " (since " + expected.days() + ")";
        assertEquals(expected.total(), actual.total(), range + ": total");
        assertEquals(expected.avgInstallDuration(), actual.avgInstallDuration(), range + ": avg_install_duration");
        assertEquals(expected.topApps(), actual.topApps(), range + ": top_apps");
        assertEquals(expected.osDistribution(), actual.osDistribution(), range + ": os_distribution");
        assertEquals(expected.errorAnalysis(), actual.errorAnalysis(), range + ": error_analysis");
        assertEquals(expected.failureRanking(), actual.failureRanking(), range + ": failure_ranking");
        assertEquals(expected.daily(), actual.daily(), range + ": daily");
        assertEquals(expected, actual, range); // every other figure too
    }

    @Test
    void everyRangeOverAllAppsEqualsTheRawRowsWhereverItCutsAMonth() {
        List<Integer> ranges = rangesCuttingMonths();
        for (int days : ranges) {
            assertSameAsRawRows(days, null, null);
        }
        assertSameAsRawRows(0, null, null);
        Dashboard year = api(365, null, null);
        assertTrue(year.daily().size() > 300, "a year of generated executions has a point per day: " + year.daily());
        assertFalse(year.errorAnalysis().isEmpty());
    }

    @Test
    void rangesOfOneAppOrRepoEqualTheRawRows() {
        for (int days : List.of(31, 45, 90, 365)) {
            assertSameAsRawRows(days, null, data.apps.get(0));
            assertSameAsRawRows(days, "external", null);
            assertSameAsRawRows(days, "ProxmoxVE", data.apps.get(1));
        }
        assertSameAsRawRows(0, null, data.apps.get(2));
    }

    @Test
    void theAppsListOfALongRangeCountsTheRawRows() {
        int days = 100;
        LocalDate since = StatsFilter.of(days, 1, null, null).since();
        List<DashboardService.AppStats> apps = List.of(given().queryParam("days", days)
                .get("/api/v1/telemetry/apps")
                .then()
                .statusCode(200)
                .extract()
                .as(DashboardService.AppStats[].class));
        for (String app : data.apps.subList(0, 4)) {
            DashboardService.AppStats stats =
                    apps.stream().filter(a -> a.app().equals(app)).findFirst().orElseThrow();
            String where = " FROM executions WHERE nsapp = ? AND (started_at AT TIME ZONE 'UTC')::date >= ?";
            assertEquals(db.count("SELECT count(*)" + where, app, since), stats.total(), app);
            assertEquals(
                    db.count("SELECT count(*)" + where + " AND status = 'failed'", app, since), stats.failed(), app);
            assertEquals(
                    db.count("SELECT count(*)" + where + " AND status = 'success'", app, since), stats.success(), app);
        }
    }

    /** The monthly rows the ingest path maintained, and what the daily rows sum to per month. */
    private Map<String, List<Map<String, Object>>> monthlyAndSummedDaily() {
        String month = "date_trunc('month', day::timestamp)::date";
        return Map.of(
                "apps",
                db.rows("SELECT month, repo_source, nsapp, status, executions, duration_sum, duration_count"
                        + " FROM rollup_apps_monthly" + NON_ZERO + " ORDER BY 1, 2, 3, 4"),
                "apps from daily",
                db.rows("SELECT * FROM (SELECT " + month + " AS month, repo_source, nsapp, status,"
                        + " sum(executions)::bigint AS executions, sum(duration_sum)::bigint AS duration_sum,"
                        + " sum(duration_count)::bigint AS duration_count FROM rollup_apps_daily GROUP BY 1, 2, 3, 4) m"
                        + NON_ZERO + " ORDER BY 1, 2, 3, 4"),
                "dimensions",
                db.rows("SELECT month, repo_source, nsapp, dim, val, status, executions, duration_sum, duration_count"
                        + " FROM rollup_monthly" + NON_ZERO + " ORDER BY 1, 2, 3, 4, 5, 6"),
                "dimensions from daily",
                db.rows("SELECT * FROM (SELECT " + month + " AS month, repo_source, nsapp, dim, val, status,"
                        + " sum(executions)::bigint AS executions, sum(duration_sum)::bigint AS duration_sum,"
                        + " sum(duration_count)::bigint AS duration_count FROM rollup_daily GROUP BY 1, 2, 3, 4, 5, 6) m"
                        + NON_ZERO + " ORDER BY 1, 2, 3, 4, 5, 6"),
                "all-app dimensions",
                db.rows("SELECT month, repo_source, dim, val, status, executions FROM rollup_dims_monthly"
                        + " WHERE executions <> 0 ORDER BY 1, 2, 3, 4, 5"),
                "all-app dimensions from daily",
                db.rows("SELECT " + month
                        + " AS month, repo_source, dim, val, status, sum(executions)::bigint AS executions"
                        + " FROM rollup_dims_daily GROUP BY 1, 2, 3, 4, 5 HAVING sum(executions) <> 0"
                        + " ORDER BY 1, 2, 3, 4, 5"),
                "errors",
                db.rows("SELECT month, repo_source, nsapp, pattern, executions FROM rollup_errors_monthly"
                        + " WHERE executions <> 0 ORDER BY 1, 2, 3, 4"),
                "errors from daily",
                db.rows("SELECT " + month
                        + " AS month, repo_source, nsapp, pattern, sum(executions)::bigint AS executions"
                        + " FROM rollup_errors_daily GROUP BY 1, 2, 3, 4 HAVING sum(executions) <> 0"
                        + " ORDER BY 1, 2, 3, 4"),
                "day totals",
                db.rows("SELECT day, repo_source, status, executions FROM rollup_status_daily"
                        + " WHERE executions <> 0 ORDER BY 1, 2, 3"),
                "day totals from apps",
                db.rows("SELECT day, repo_source, status, sum(executions)::bigint AS executions FROM rollup_apps_daily"
                        + " GROUP BY 1, 2, 3 HAVING sum(executions) <> 0 ORDER BY 1, 2, 3"));
    }

    private static void assertMonthlyRowsAreTheirDays(Map<String, List<Map<String, Object>>> tables) {
        for (String table : List.of("apps", "dimensions", "all-app dimensions", "errors")) {
            assertFalse(tables.get(table).isEmpty(), table);
            assertEquals(tables.get(table + " from daily"), tables.get(table), table);
        }
        assertEquals(tables.get("day totals from apps"), tables.get("day totals"), "day totals");
        List<Object> months =
                tables.get("apps").stream().map(r -> r.get("month")).distinct().toList();
        assertTrue(months.size() >= 13, "400 days of executions fill 13 or more months: " + months);
    }

    @Test
    void eachMonthlyRowTheIngestPathMaintainedIsTheSumOfItsDays() {
        assertMonthlyRowsAreTheirDays(monthlyAndSummedDaily());
    }

    @Test
    void aRebuildFromMidMonthLeavesTheMonthlyRowsAsTheIngestPathMaintainedThem() {
        var before = monthlyAndSummedDaily();
        LocalDate since = LocalDate.now(ZoneOffset.UTC).minusMonths(2).withDayOfMonth(15);
        var rebuilt = given().auth()
                .oauth2(TestTokens.issue("rollup-admin", "admin"))
                .queryParam("since", since.toString())
                .post("/api/v1/telemetry/admin/rollups/rebuild")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(rebuilt.getLong("monthly_rows") > 0, "monthly rows rewritten: " + rebuilt.prettify());
        assertTrue(rebuilt.getLong("day_total_rows") > 0, "day totals rewritten: " + rebuilt.prettify());
        var after = monthlyAndSummedDaily();
        assertMonthlyRowsAreTheirDays(after);
        assertEquals(before, after);
        assertSameAsRawRows(90, null, null);
    }
}
