package dev.opsuite.telemetry.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.telemetry.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The three client generations against the real service, Kafka and PostgreSQL. */
@QuarkusTest
class IngestEndpointsTest {
    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    @Inject
    DataSource dataSource;

    @Inject
    dev.opsuite.telemetry.metrics.TelemetryMetrics metrics;

    /** A documentation address per test: every test gets its own rate-limit bucket. */
    private static String client() {
        return "198.51.100." + CLIENTS.getAndIncrement();
    }

    private static Response post(String ip, String path, String body) {
        return given().header("X-Forwarded-For", ip)
                .contentType("application/json")
                .body(body)
                .post(path);
    }

    /** Shaped like api.func's heredoc: the values are pasted in without escaping. */
    private static String bashEvent(String rid, String eid, String status, String extra) {
        return "{\n"
                + "    \"random_id\": \"" + rid + "\",\n"
                + "    \"execution_id\": \"" + eid + "\",\n"
                + "    \"type\": \"lxc\",\n"
                + "    \"nsapp\": \"jellyfin\",\n"
                + "    \"status\": \"" + status + "\",\n"
                + "    \"ct_type\": \"1\",\n"
                + "    \"disk_size\": 32G,\n"
                + "    \"core_count\": 2,\n"
                + "    \"ram_size\": 2048,\n"
                + "    \"os_type\": \"debian\",\n"
                + "    \"os_version\": \"13\",\n"
                + "    \"pve_version\": \"9.0.3\",\n"
                + "    \"method\": \"default\",\n"
                + "    \"repo_source\": \"ProxmoxVE\",\n"
                + "    \"gpu_vendor\": \"intel\",\n"
                + "    \"cpu_vendor\": \"amd\",\n"
                + "    \"some_future_field\": {\"nested\": [1, 2]},\n"
                + extra
                + "    \"payload_version\": \"3\"\n"
                + "}";
    }

    @Test
    void acceptsTheLifecycleOfAnExecutionAndCountsOnlyTheFirstTerminalReport() {
        TestDb db = new TestDb(dataSource);
        String ip = client();
        String rid = UUID.randomUUID().toString();
        String eid = "exec-" + rid;
        post(ip, "/telemetry", bashEvent(rid, eid, "installing", ""))
                .then()
                .statusCode(202)
                .contentType(startsWith("text/plain"))
                .body(equalTo("accepted"))
                .header("X-Request-Id", notNullValue());
        post(ip, "/telemetry", bashEvent(rid, eid, "configuring", "")).then().statusCode(202);
        // broken JSON from the field: unescaped quotes, a tab and newline, a \xNN escape, an IP
        String error = "    \"exit_code\": \"100\",\n"
                + "    \"error\": \"E: Unable to fetch \"http://10.1.2.3/debian\" \\x1b[1mfailed\\x1b[0m\n\tapt-get returned 100\",\n";
        post(ip, "/telemetry", bashEvent(rid, eid, "failed", error))
                .then()
                .statusCode(202)
                .body(equalTo("accepted"));
        post(ip, "/telemetry", bashEvent(rid, eid, "failed", error)).then().statusCode(202); // the client retried
        post(ip, "/telemetry", bashEvent(rid, eid, "sucess", "")).then().statusCode(202); // a late second terminal

        db.await(
                "5 events of " + eid,
                () -> db.count("SELECT count(*) FROM execution_events WHERE execution_id = ?", eid) == 5);
        Map<String, Object> row = db.execution(eid);
        assertEquals("failed", row.get("status"));
        assertEquals("configuring", row.get("current_step"));
        assertEquals(100, row.get("exit_code"));
        assertEquals("apt", row.get("error_category"));
        assertEquals(
                "E: Unable to fetch \"http://10.x.x.x/debian\" \u001b[1mfailed\u001b[0m\n\tapt-get returned 100",
                row.get("error"));
        assertEquals(32, row.get("disk_size"));
        assertEquals(1, row.get("ct_type"));
        assertEquals("ProxmoxVE", row.get("repo_source"));
        assertEquals("3", row.get("payload_version"));
        // installing creates, configuring moves the step, the first failed finishes; the rest is absorbed
        assertEquals(3L, db.count("SELECT count(*) FROM execution_events WHERE execution_id = ? AND applied", eid));
    }

    @Test
    void legacyUploadAndUpdateStatusWork() {
        TestDb db = new TestDb(dataSource);
        String ip = client();
        String rid = UUID.randomUUID().toString();
        String upload =
                "{\"ct_type\": 1, \"disk_size\": 4, \"core_count\": 1, \"ram_size\": 512, \"os_type\": \"alpine\","
                        + " \"os_version\": \"3.22\", \"disableip6\": \"no\", \"nsapp\": \"adguard\", \"method\": \"default\","
                        + " \"pve_version\": \"8.4.1\", \"status\": \"installing\", \"random_id\": \"" + rid
                        + "\", \"type\": \"lxc\"}";
        post(ip, "/upload", upload).then().statusCode(202).body(equalTo("accepted"));
        post(ip, "/upload/updatestatus", "{\"random_id\": \"" + rid + "\", \"status\": \"done\", \"error\": \"\"}")
                .then()
                .statusCode(202)
                .body(equalTo("accepted"));
        db.await("legacy execution finished", () -> {
            Map<String, Object> r = db.execution(rid);
            return r != null && "success".equals(r.get("status"));
        });
        Map<String, Object> row = db.execution(rid);
        assertEquals("adguard", row.get("nsapp"));
        assertEquals("alpine", row.get("os_type"));
        assertEquals("upload_updatestatus", row.get("protocol"));
        assertNull(row.get("error"));
    }

    @Test
    void seedInstallAndUpdateWork() {
        TestDb db = new TestDb(dataSource);
        String ip = client();
        String rid = UUID.randomUUID().toString();
        post(
                        ip,
                        "/install",
                        "{\"random_id\":\"" + rid
                                + "\",\"type\":\"vm\",\"nsapp\":\"haos-vm\",\"status\":\"installing\","
                                + "\"os_type\":\"homeassistant\",\"disk_size\":\"32\",\"core_count\":\"2\",\"ram_size\":\"4096\"}")
                .then()
                .statusCode(202)
                .body(equalTo("accepted"));
        post(ip, "/update", "{\"random_id\":\"" + rid + "\",\"status\":\"failed\",\"exit_code\":130,\"error\":\"\"}")
                .then()
                .statusCode(202);
        db.await("seed execution aborted", () -> {
            Map<String, Object> r = db.execution(rid);
            return r != null && "aborted".equals(r.get("status"));
        });
        Map<String, Object> row = db.execution(rid);
        assertEquals("user_aborted", row.get("error_category"));
        assertEquals("Exit code 130: SIGINT: aborted by user (Ctrl+C)", row.get("error"));
        assertEquals(4096, row.get("ram_size"));
    }

    @Test
    void acceptsBodiesWhateverContentTypeTheClientClaims() {
        TestDb db = new TestDb(dataSource);
        String ip = client();
        String rid = UUID.randomUUID().toString();
        // curl -d without -H sends application/x-www-form-urlencoded
        given().header("X-Forwarded-For", ip)
                .contentType("application/x-www-form-urlencoded")
                .body("{\"random_id\":\"" + rid
                        + "\",\"type\":\"tool\",\"nsapp\":\"post-pve-install\",\"status\":\"success\"}")
                .post("/telemetry")
                .then()
                .statusCode(202)
                .body(equalTo("accepted"));
        given().header("X-Forwarded-For", ip)
                .contentType("text/plain")
                .body("{\"random_id\":\"" + rid
                        + "-2\",\"type\":\"tool\",\"nsapp\":\"post-pve-install\",\"status\":\"success\"}")
                .post("/telemetry")
                .then()
                .statusCode(202);
        db.await(
                "both executions",
                () -> db.count("SELECT count(*) FROM executions WHERE execution_id IN (?, ?)", rid, rid + "-2") == 2);
    }

    @Test
    void exposesTelemetryMetrics() {
        TestDb db = new TestDb(dataSource);
        post(client(), "/telemetry", "{}").then().statusCode(400);
        metrics.refresh();
        String text = given().auth()
                .oauth2(TestTokens.issue("metrics-admin", "admin"))
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        long all = db.count("SELECT coalesce(sum(executions), 0) FROM rollup_apps_daily");
        long pending = db.count("SELECT count(*) FROM executions WHERE status = 'installing'");
        assertTrue(text.contains("telemetry_installs{status=\"all\"} " + all + ".0"), "installs total " + all);
        for (String status : new String[] {"success", "failed", "aborted"}) {
            assertTrue(text.contains("telemetry_installs{status=\"" + status + "\"}"), status);
        }
        assertTrue(text.contains("telemetry_pending_executions " + pending + ".0"), "pending " + pending);
        assertTrue(text.contains("telemetry_success_rate_24h "), "success rate");
        assertTrue(
                text.contains("telemetry_ingest_lag_seconds "),
                () -> "ingest lag missing in:\n"
                        + text.lines()
                                .filter(l -> l.contains("telemetry"))
                                .collect(java.util.stream.Collectors.joining("\n")));
        assertTrue(
                text.contains("telemetry_ingest_requests_total{outcome=\"invalid_payload\",protocol=\"telemetry\"}"),
                "ingest counter");
    }

    @Test
    void refusesBadReportsWithTheTextsTheClientsKnow() {
        String ip = client();
        post(ip, "/telemetry", "{\"random_id\":\"x\",\"type\":\"lxc\",\"status\":\"installing\"}")
                .then()
                .statusCode(400)
                .contentType(startsWith("text/plain"))
                .body(equalTo("invalid payload"))
                .header("X-Request-Id", notNullValue());
        post(ip, "/telemetry", "{\"random_id\":\"x\",\"type\":\"docker\",\"nsapp\":\"a\",\"status\":\"installing\"}")
                .then()
                .statusCode(400)
                .body(equalTo("invalid payload"));
        post(ip, "/telemetry", "<html>hello</html>").then().statusCode(400).body(equalTo("invalid json"));
        post(ip, "/upload", "").then().statusCode(400).body(equalTo("invalid json"));
        String huge = "{\"random_id\":\"x\",\"type\":\"lxc\",\"nsapp\":\"a\",\"status\":\"failed\",\"error\":\""
                + "e".repeat(300 * 1024) + "\"}";
        post(ip, "/telemetry", huge).then().statusCode(400).body(equalTo("invalid body"));
        given().header("X-Forwarded-For", ip)
                .get("/telemetry")
                .then()
                .statusCode(405)
                .contentType(startsWith("text/plain"));
    }

    @Test
    void limitsEachClientAddressWithATokenBucket() {
        String ip = client();
        int accepted = 0;
        Response refused = null;
        long started = System.nanoTime();
        for (int i = 0; i < 1000 && refused == null; i++) { // a slow machine refills while it sends
            Response r = post(ip, "/telemetry", "{}");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(400, r.statusCode());
                accepted++;
            }
        }
        assertTrue(refused != null, "never rate limited");
        // burst 60, then 300/min = 5/s refill while the loop ran
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(
                accepted >= 60 && accepted <= 60 + Math.ceil(seconds * 5) + 1,
                "burst of 60 plus refill over " + seconds + " s expected, got " + accepted);
        assertEquals("rate limited", refused.body().asString());
        assertTrue(refused.contentType().startsWith("text/plain"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        // another client is not affected
        post(client(), "/telemetry", "{}").then().statusCode(400);
    }

    @Test
    void everyReportAnswered202EndsUpInTheDatabase() throws Exception {
        TestDb db = new TestDb(dataSource);
        String batch = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String rid = "bulk-" + batch + "-" + i;
                String ip = "203.0.113." + (i % 4 + 1) + "0";
                answers.add(pool.submit(() -> post(
                                ip,
                                "/telemetry",
                                "{\"random_id\":\"" + rid + "\",\"type\":\"tool\",\"nsapp\":\"bulk-" + batch
                                        + "\",\"status\":\"success\"}")
                        .statusCode()));
            }
            for (Future<Integer> a : answers) {
                assertEquals(202, a.get());
            }
        } finally {
            pool.shutdown();
        }
        db.await(
                "40 executions",
                () -> db.count("SELECT count(*) FROM executions WHERE nsapp = ?", "bulk-" + batch) == 40);
    }
}
