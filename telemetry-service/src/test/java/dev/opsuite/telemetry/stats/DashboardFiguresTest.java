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
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard reads only the rollups; here every figure is recomputed from the raw execution
 * rows with independent SQL, on a generated population, for several ranges and filters.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardFiguresTest {
    @Inject
    IngestStore store;

    @Inject
    DataSource dataSource;

    @Inject
    TelemetryConfig config;

    GeneratedData data;

    @BeforeAll
    void generate() throws Exception {
        data = new GeneratedData(UUID.randomUUID().toString().substring(0, 6));
        data.writeTo(store, 600, 42);
    }

    private Dashboard api(String path, Integer days, String repo, String app) {
        var request = given();
        if (days != null) {
            request.queryParam("days", days);
        }
        if (repo != null) {
            request.queryParam("repo", repo);
        }
        if (app != null) {
            request.queryParam("app", app);
        }
        return request.get(path).then().statusCode(200).extract().as(Dashboard.class);
    }

    private void assertFigures(Integer days, String repo, String app) {
        Dashboard actual = api("/api/v1/telemetry/dashboard", days, repo, app);
        Dashboard expected = new IndependentFigures(
                        new TestDb(dataSource), config.dashboard().minInstalls())
                .compute(StatsFilter.of(days, 1, repo, app));
        assertEquals(expected.total(), actual.total(), "total");
        assertEquals(expected.success(), actual.success(), "success");
        assertEquals(expected.failed(), actual.failed(), "failed");
        assertEquals(expected.aborted(), actual.aborted(), "aborted");
        assertEquals(expected.installing(), actual.installing(), "installing");
        assertEquals(expected.unknown(), actual.unknown(), "unknown");
        assertEquals(expected.successRate(), actual.successRate(), 0.0001, "success_rate");
        assertEquals(expected.avgInstallDuration(), actual.avgInstallDuration(), "avg_install_duration");
        assertEquals(expected.topApps(), actual.topApps(), "top_apps");
        assertEquals(expected.osDistribution(), actual.osDistribution(), "os_distribution");
        assertEquals(expected.methodStats(), actual.methodStats(), "method_stats");
        assertEquals(expected.pveVersions(), actual.pveVersions(), "pve_versions");
        assertEquals(expected.typeStats(), actual.typeStats(), "type_stats");
        assertEquals(expected.errorCategories(), actual.errorCategories(), "error_categories");
        assertEquals(expected.gpuVendors(), actual.gpuVendors(), "gpu_vendors");
        assertEquals(expected.gpuPassthrough(), actual.gpuPassthrough(), "gpu_passthrough");
        assertEquals(expected.cpuVendors(), actual.cpuVendors(), "cpu_vendors");
        assertEquals(expected.errorAnalysis(), actual.errorAnalysis(), "error_analysis");
        assertEquals(expected.failureRanking(), actual.failureRanking(), "failure_ranking");
        assertEquals(expected.daily(), actual.daily(), "daily");
        assertEquals(expected, actual); // and nothing else differs
    }

    @Test
    void everyFigureMatchesTheRawRowsForTodayTheWeekAndAllTime() {
        assertFigures(null, null, null); // default: today
        assertFigures(7, null, null);
        assertFigures(0, null, null);
        Dashboard all = api("/api/v1/telemetry/dashboard", 0, null, null);
        assertTrue(all.total() >= 600, "generated executions missing: " + all.total());
        assertFalse(all.errorAnalysis().isEmpty());
        assertFalse(all.failureRanking().isEmpty());
    }

    @Test
    void everyFigureMatchesTheRawRowsWithAppAndRepoFilters() {
        assertFigures(0, null, data.apps.get(0));
        assertFigures(10, "ProxmoxVED", null);
        assertFigures(3, "external", data.apps.get(1));
    }

    @Test
    void seedStatsServesTheSameFigures() {
        assertEquals(api("/api/v1/telemetry/dashboard", 7, null, null), api("/stats", 7, null, null));
    }

    @Test
    void refusesRangesOutsideZeroTo365Days() {
        given().queryParam("days", 366)
                .get("/api/v1/telemetry/dashboard")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("days", -1).get("/api/v1/telemetry/dashboard").then().statusCode(400);
    }

    @Test
    void appsListsPerAppStatusCounts() {
        List<DashboardService.AppStats> apps = List.of(given().queryParam("days", 0)
                .get("/api/v1/telemetry/apps")
                .then()
                .statusCode(200)
                .extract()
                .as(DashboardService.AppStats[].class));
        DashboardService.AppStats first = apps.stream()
                .filter(a -> a.app().equals(data.apps.get(0)))
                .findFirst()
                .orElseThrow();
        TestDb db = new TestDb(dataSource);
        assertEquals(db.count("SELECT count(*) FROM executions WHERE nsapp = ?", first.app()), first.total());
        assertEquals(
                db.count("SELECT count(*) FROM executions WHERE nsapp = ? AND status = 'failed'", first.app()),
                first.failed());
        assertEquals(
                db.count("SELECT count(*) FROM executions WHERE nsapp = ? AND status = 'installing'", first.app()),
                first.installing());
    }

    @Test
    void rebuildingTheRollupsFromTheExecutionsGivesTheRowsTheIngestPathMaintained() {
        TestDb db = new TestDb(dataSource);
        String nonZero = "executions <> 0 OR duration_sum <> 0 OR duration_count <> 0";
        String daily = "SELECT day, repo_source, nsapp, dim, val, status, executions, duration_sum, duration_count"
                + " FROM rollup_daily WHERE " + nonZero + " ORDER BY 1, 2, 3, 4, 5, 6";
        String errors = "SELECT day, repo_source, nsapp, pattern, executions FROM rollup_errors_daily"
                + " WHERE executions <> 0 ORDER BY 1, 2, 3, 4";
        String dims = "SELECT day, repo_source, dim, val, status, executions FROM rollup_dims_daily"
                + " WHERE executions <> 0 ORDER BY 1, 2, 3, 4, 5";
        String apps = "SELECT day, repo_source, nsapp, status, executions, duration_sum, duration_count"
                + " FROM rollup_apps_daily WHERE " + nonZero + " ORDER BY 1, 2, 3, 4";
        var appsBefore = db.rows(apps);
        var dailyBefore = db.rows(daily);
        var dimsBefore = db.rows(dims);
        var errorsBefore = db.rows(errors);
        assertTrue(dailyBefore.size() > 100, "the generated data makes rollup rows: " + dailyBefore.size());
        assertFalse(errorsBefore.isEmpty());

        String admin = TestTokens.issue("rollup-admin", "admin");
        var rebuilt = given().auth()
                .oauth2(admin)
                .queryParam("since", "2000-01-01")
                .post("/api/v1/telemetry/admin/rollups/rebuild")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(db.count("SELECT count(*) FROM executions"), rebuilt.getLong("executions"));
        assertEquals(appsBefore.size(), rebuilt.getInt("apps_rows"));
        assertEquals(dailyBefore.size(), rebuilt.getInt("rollup_rows"));
        assertEquals(dimsBefore.size(), rebuilt.getInt("dims_rows"));
        assertEquals(errorsBefore.size(), rebuilt.getInt("error_rows"));
        assertEquals(dailyBefore, db.rows(daily));
        assertEquals(appsBefore, db.rows(apps));
        assertEquals(dimsBefore, db.rows(dims));
        assertEquals(errorsBefore, db.rows(errors));
        assertFigures(7, null, null); // and the dashboard still agrees with the raw rows

        given().auth()
                .oauth2(admin)
                .post("/api/v1/telemetry/admin/rollups/rebuild")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .queryParam("since", "last week")
                .post("/api/v1/telemetry/admin/rollups/rebuild")
                .then()
                .statusCode(400);
    }
}
