package dev.opsuite.telemetry.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.TestDb;
import dev.opsuite.telemetry.domain.IngestEnvelope;
import dev.opsuite.telemetry.domain.IngestStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Records, exit codes, exports, the legacy /data reads and the admin jobs. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiTest {
    @Inject
    IngestStore store;

    @Inject
    DataSource dataSource;

    String app;
    Instant base;

    @BeforeAll
    void seed() throws Exception {
        app = "rec-" + UUID.randomUUID().toString().substring(0, 8);
        base = Instant.now().minus(Duration.ofMinutes(30));
        List<IngestEnvelope> events = new ArrayList<>();
        String[] statuses = {"success", "failed", "success", "aborted", "success", "failed", "success"};
        for (int i = 0; i < statuses.length; i++) {
            String id = app + "-" + i;
            Instant t = base.plusSeconds(i * 10L);
            events.add(event(id, "installing", t, null));
            events.add(event(id, "configuring", t.plusSeconds(1), null));
            events.add(event(id, statuses[i], t.plusSeconds(2), statuses[i].equals("failed") ? 100 + i : null));
        }
        store.applyBatch(events);
    }

    private IngestEnvelope event(String id, String status, Instant at, Integer exit) {
        TelemetryIngestEvent.Builder b = TelemetryIngestEvent.newBuilder()
                .setExecutionId(id)
                .setRandomId(id)
                .setType("lxc")
                .setNsapp(app)
                .setStatus(status)
                .setOsType(id.endsWith("1") ? "alpine" : "debian")
                .setMethod("default")
                .setProtocol("telemetry")
                .setReceivedAt(
                        Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
        if (exit != null) {
            b.setExitCode(exit).setError("E: failure, code " + exit).setErrorCategory("apt");
        }
        TelemetryIngestEvent e = b.build();
        return new IngestEnvelope(UUID.randomUUID().toString(), e, e.toByteArray());
    }

    @Test
    void recordsArePagedFilteredSortedAndCarryTheirHistory() {
        JsonPath page2 = given().queryParam("app", app)
                .queryParam("limit", 3)
                .queryParam("page", 2)
                .queryParam("sort", "created")
                .get("/api/v1/telemetry/records")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(7, page2.getInt("total"));
        assertEquals(3, page2.getInt("total_pages"));
        assertEquals(2, page2.getInt("page"));
        assertEquals(3, page2.getInt("limit"));
        assertEquals(List.of(app + "-3", app + "-4", app + "-5"), page2.getList("records.execution_id"));
        assertEquals(List.of("installing", "configuring", "aborted"), page2.getList("records[0].history.status"));
        assertEquals(List.of(true, true, true), page2.getList("records[0].history.applied"));

        JsonPath failed = given().queryParam("app", app)
                .queryParam("status", "failed")
                .queryParam("sort", "-exit_code")
                .get("/api/v1/telemetry/records")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(app + "-5", app + "-1"), failed.getList("records.execution_id"));
        assertEquals(List.of(105, 101), failed.getList("records.exit_code"));
        assertEquals(50, failed.getInt("limit"));

        given().queryParam("app", app)
                .queryParam("os", "alpine")
                .get("/api/v1/telemetry/records")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("records[0].execution_id", equalTo(app + "-1"));
        given().queryParam("limit", 500)
                .get("/api/v1/telemetry/records")
                .then()
                .statusCode(200)
                .body("limit", equalTo(100));
        given().queryParam("sort", "random")
                .get("/api/v1/telemetry/records")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void exitCodesAreServedFromTheTable() {
        given().get("/api/v1/telemetry/exit-codes")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(160))
                .body("find { it.code == 206 }.category", equalTo("proxmox"));
        given().get("/api/v1/telemetry/exit-codes/137")
                .then()
                .statusCode(200)
                .body("description", equalTo("SIGKILL: killed (often out of memory)"))
                .body("category", equalTo("resource"));
        given().get("/api/v1/telemetry/exit-codes/99").then().statusCode(404);
        given().get("/api/v1/telemetry/exit-codes/abc").then().statusCode(400);
    }

    @Test
    void errorsListsPatternsAndCategories() {
        given().queryParam("days", 1)
                .queryParam("app", app)
                .get("/api/v1/telemetry/errors")
                .then()
                .statusCode(200)
                .body("patterns", hasSize(1))
                .body("patterns[0].pattern", equalTo("e: failure, code N"))
                .body("patterns[0].count", equalTo(2))
                .body("patterns[0].apps", equalTo(List.of(app)))
                .body("categories.find { it.value == 'apt' }.count", equalTo(2));
    }

    @Test
    void exportsStreamNdjsonAndCsv() throws Exception {
        String since = base.minusSeconds(1).toString();
        String until = base.plusSeconds(100).toString();
        TestDb db = new TestDb(dataSource);
        long inRange = db.count(
                "SELECT count(*) FROM executions WHERE started_at >= ?::timestamptz AND started_at < ?::timestamptz",
                since,
                until);

        Response ndjson = given().queryParam("format", "ndjson")
                .queryParam("since", since)
                .queryParam("until", until)
                .get("/api/v1/telemetry/export");
        ndjson.then()
                .statusCode(200)
                .contentType(startsWith("application/x-ndjson"))
                .header("Content-Length", nullValue());
        String[] lines = ndjson.asString().split("\n");
        assertEquals(inRange, lines.length);
        ObjectMapper json = new ObjectMapper();
        long ours = 0;
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            if (app.equals(row.path("nsapp").asText())) {
                ours++;
                assertTrue(row.has("execution_id") && row.has("status") && row.has("created"));
            }
        }
        assertEquals(7, ours);

        Response csv = given().queryParam("format", "csv")
                .queryParam("since", since)
                .queryParam("until", until)
                .get("/api/v1/telemetry/export");
        csv.then().statusCode(200).contentType(startsWith("text/csv"));
        String[] rows = csv.asString().split("\r\n");
        assertTrue(rows[0].startsWith("execution_id,type,nsapp,status"), rows[0]);
        assertEquals(inRange + 1, rows.length);
        assertTrue(csv.asString().contains("\"E: failure, code 101\""), "quoted CSV field with a comma");

        given().queryParam("format", "xml")
                .get("/api/v1/telemetry/export")
                .then()
                .statusCode(400);
        given().queryParam("since", "yesterday")
                .get("/api/v1/telemetry/export")
                .then()
                .statusCode(400);
    }

    @Test
    void legacyDataEndpointsServeTheOldShapes() {
        given().queryParam("nsapp", app)
                .get("/data/nsapp")
                .then()
                .statusCode(200)
                .body("size()", equalTo(7))
                .body("[0].random_id", equalTo(app + "-0"))
                .body("[1].os_type", equalTo("alpine"));
        given().queryParam("os_type", "alpine")
                .get("/data/os")
                .then()
                .statusCode(200)
                .body("findAll { it.nsapp == '" + app + "' }.size()", equalTo(1));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String from = base.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        given().queryParam("start_date", from)
                .queryParam("end_date", today)
                .get("/data/date")
                .then()
                .statusCode(200)
                .body("findAll { it.nsapp == '" + app + "' }.size()", equalTo(7));
        given().queryParam("status", "aborted")
                .get("/data/status")
                .then()
                .statusCode(200)
                .body("findAll { it.nsapp == '" + app + "' }.size()", equalTo(1));
        given().get("/data/summary")
                .then()
                .statusCode(200)
                .body("nsapp_count.'" + app + "'", equalTo(7))
                .body("total_entries", org.hamcrest.Matchers.greaterThanOrEqualTo(7));
        given().queryParam("page", 1)
                .queryParam("limit", 5)
                .get("/data/paginated")
                .then()
                .statusCode(200)
                .body("records", hasSize(5))
                .body("limit", equalTo(5));
        given().get("/data/errors")
                .then()
                .statusCode(200)
                .body("find { it.error == 'e: failure, code N' }.count", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        given().get("/data/json")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body("findAll { it.nsapp == '" + app + "' }.size()", equalTo(7));
        given().get("/data/nsapp").then().statusCode(400);
    }

    @Test
    void sweeperMarksStuckExecutionsUnknownAndARealLateReportStillWins() throws Exception {
        String id = "stuck-" + UUID.randomUUID().toString().substring(0, 8);
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        store.applyBatch(List.of(stuckEvent(id, "installing", twoHoursAgo)));
        String path = "/api/v1/telemetry/admin/sweeper/run";
        given().post(path).then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.issue("vera", "viewer"))
                .post(path)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.issue("otto", "operator"))
                .post(path)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.issue("ada", "admin"))
                .post(path)
                .then()
                .statusCode(200)
                .body("stuck_after_seconds", equalTo(3600));

        TestDb db = new TestDb(dataSource);
        Map<String, Object> row = db.execution(id);
        assertEquals("unknown", row.get("status"));
        assertEquals("timeout", row.get("error_category"));
        assertEquals(
                1L,
                db.count(
                        "SELECT sum(executions) FROM rollup_apps_daily WHERE nsapp = ? AND status = 'unknown'",
                        "stuck-app-" + id));
        assertEquals(
                0L,
                db.count(
                        "SELECT coalesce(sum(executions), 0) FROM rollup_apps_daily WHERE nsapp = ?"
                                + " AND status = 'installing'",
                        "stuck-app-" + id));

        store.applyBatch(List.of(stuckEvent(id, "success", Instant.now())));
        assertEquals("success", db.execution(id).get("status"));
        assertEquals(
                1L,
                db.count(
                        "SELECT sum(executions) FROM rollup_apps_daily WHERE nsapp = ? AND status = 'success'",
                        "stuck-app-" + id));
        assertEquals(
                0L,
                db.count(
                        "SELECT sum(executions) FROM rollup_apps_daily WHERE nsapp = ? AND status = 'unknown'",
                        "stuck-app-" + id));
    }

    @Test
    void retentionDeletesOldRawEventsButKeepsTheFigures() throws Exception {
        String id = "old-" + UUID.randomUUID().toString().substring(0, 8);
        Instant old = Instant.now().minus(Duration.ofDays(400));
        store.applyBatch(List.of(stuckEvent(id, "installing", old), stuckEvent(id, "failed", old.plusSeconds(60))));
        String path = "/api/v1/telemetry/admin/retention/run";
        given().queryParam("days", 365).post(path).then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.issue("vera", "viewer"))
                .queryParam("days", 365)
                .post(path)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.issue("ada", "admin"))
                .queryParam("days", 365)
                .post(path)
                .then()
                .statusCode(200)
                .body("days", equalTo(365))
                .body("deleted_events", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("deleted_executions", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        TestDb db = new TestDb(dataSource);
        assertEquals(0L, db.count("SELECT count(*) FROM executions WHERE execution_id = ?", id));
        assertEquals(0L, db.count("SELECT count(*) FROM execution_events WHERE execution_id = ?", id));
        given().queryParam("days", 0)
                .queryParam("app", "stuck-app-" + id)
                .get("/api/v1/telemetry/dashboard")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("failed", equalTo(1));
    }

    private IngestEnvelope stuckEvent(String id, String status, Instant at) {
        TelemetryIngestEvent e = TelemetryIngestEvent.newBuilder()
                .setExecutionId(id)
                .setRandomId(id)
                .setType("lxc")
                .setNsapp("stuck-app-" + id)
                .setStatus(status)
                .setProtocol("telemetry")
                .setReceivedAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()))
                .build();
        return new IngestEnvelope(UUID.randomUUID().toString(), e, e.toByteArray());
    }
}
