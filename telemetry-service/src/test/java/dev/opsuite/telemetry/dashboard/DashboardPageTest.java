package dev.opsuite.telemetry.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.domain.IngestEnvelope;
import dev.opsuite.telemetry.domain.IngestStore;
import dev.opsuite.telemetry.stats.Dashboard;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Opens the dashboard page in real headless Chromium and checks what it rendered against the API. */
@QuarkusTest
class DashboardPageTest {
    @TestHTTPResource("/dashboard")
    URL page;

    @Inject
    IngestStore store;

    @Test
    void rendersTheApiFiguresAndChartsInARealBrowser() throws Exception {
        assertTrue(Chromium.available(), "chromium missing at " + Chromium.BINARY + " (apt-get install -y chromium)");
        String app = "page-" + UUID.randomUUID().toString().substring(0, 6);
        List<IngestEnvelope> events = new ArrayList<>();
        String[] statuses = {"success", "success", "failed", "aborted", "installing", "success"};
        for (int i = 0; i < statuses.length; i++) {
            TelemetryIngestEvent e = TelemetryIngestEvent.newBuilder()
                    .setExecutionId(app + i)
                    .setRandomId(app + i)
                    .setType("lxc")
                    .setNsapp(app)
                    .setStatus(statuses[i])
                    .setOsType(i % 2 == 0 ? "debian" : "ubuntu")
                    .setProtocol("telemetry")
                    .setReceivedAt(
                            Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                    .build();
            events.add(new IngestEnvelope(UUID.randomUUID().toString(), e, e.toByteArray()));
        }
        store.applyBatch(events);

        Dashboard all = given().queryParam("days", 30)
                .get("/api/v1/telemetry/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .as(Dashboard.class);
        String dom = Chromium.dumpDom(page + "?days=30");
        assertEquals(Long.toString(all.total()), byId(dom, "total"));
        assertEquals(Long.toString(all.success()), byId(dom, "success"));
        assertEquals(Long.toString(all.failed()), byId(dom, "failed"));
        assertEquals(Long.toString(all.aborted()), byId(dom, "aborted"));
        assertEquals(Long.toString(all.installing()), byId(dom, "installing"));
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", all.successRate()), byId(dom, "success-rate"));
        assertTrue(
                dom.contains("<option value=\"30\" selected=\"\">last 30 days</option>"), "days filter not selected");
        assertEquals(all.daily().size(), count(dom, "<g class=\"day\""), "one column per day");
        for (Dashboard.DailyPoint d : all.daily()) {
            assertTrue(
                    dom.contains("data-date=\"" + d.date() + "\" data-total=\"" + d.total() + "\""), "day " + d.date());
        }
        for (Dashboard.Count top : all.topApps()) {
            assertTrue(
                    dom.contains("data-app=\"" + top.value() + "\" data-count=\"" + top.count() + "\""),
                    "top app " + top.value());
        }
        assertEquals(
                all.failureRanking().size(),
                count(dom.substring(Math.max(0, dom.indexOf("id=\"failure-ranking\""))), "class=\"bar-fail\""));
        for (Dashboard.Count os : all.osDistribution()) {
            assertTrue(
                    dom.contains("data-os=\"" + os.value() + "\" data-count=\"" + os.count() + "\""),
                    "os " + os.value());
        }

        // the app filter: only this app's six executions
        String filtered = Chromium.dumpDom(page + "?days=1&app=" + app);
        assertEquals("6", byId(filtered, "total"));
        assertEquals("3", byId(filtered, "success"));
        assertEquals("1", byId(filtered, "installing"));
        assertEquals("75.00", byId(filtered, "success-rate"));
        assertTrue(filtered.contains("value=\"" + app + "\""), "app filter kept in the form");

        Chromium.screenshot(page + "?days=30", Path.of("target", "dashboard.png"));
    }

    @Test
    void refusesAnInvalidRange() {
        given().queryParam("days", 400).get("/dashboard").then().statusCode(400);
    }

    private static String byId(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\">([^<]*)<").matcher(dom);
        assertTrue(m.find(), "no element #" + id + " in the rendered page");
        return m.group(1).strip();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
