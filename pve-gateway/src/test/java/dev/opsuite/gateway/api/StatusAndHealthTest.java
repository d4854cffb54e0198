package dev.opsuite.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatusAndHealthTest {

    @Test
    void statusProbesEveryUpstreamInParallelAndReportsEach() {
        long start = System.nanoTime();
        List<Map<String, Object>> upstreams = given().auth()
                .oauth2(TestAuth.adminToken())
                .when()
                .get("/api/v1/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("DEGRADED"))
                .body("upstreams.routes.flatten()", hasItem("telemetry-ingest"))
                .extract()
                .path("upstreams");
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, Object> echo = upstreams.stream()
                .filter(u -> ((List<?>) u.get("routes")).contains("echo"))
                .findFirst()
                .orElseThrow();
        assertEquals("UP", echo.get("status"), echo.toString());
        assertEquals(200, echo.get("http_status"));
        assertEquals("CLOSED", echo.get("circuit"));
        Map<String, Object> down = upstreams.stream()
                .filter(u -> ((List<?>) u.get("routes")).contains("down"))
                .findFirst()
                .orElseThrow();
        assertEquals("UNREACHABLE", down.get("status"));
        Map<String, Object> slow = upstreams.stream()
                .filter(u -> ((List<?>) u.get("routes")).contains("slow"))
                .findFirst()
                .orElseThrow();
        assertEquals("TIMEOUT", slow.get("status"));
        // several upstreams with a 500 ms probe timeout, answered well under their sum
        assertTrue(millis < 2000, "status took " + millis + " ms");
    }

    @Test
    void aBalancedUpstreamIsProbedOnEveryInstanceAndIsUpWhileOneIs() {
        List<Map<String, Object>> upstreams = given().auth()
                .oauth2(TestAuth.adminToken())
                .when()
                .get("/api/v1/status")
                .then()
                .statusCode(200)
                .extract()
                .path("upstreams");

        // a dead port listed before instance b: the gateway fails over, so the upstream is up
        Map<String, Object> failover = upstream(upstreams, "failover");
        List<String> failoverUrls = routeUrls("failover");
        assertEquals("UP", failover.get("status"), failover.toString());
        assertEquals(1, failover.get("instances_up"));
        assertEquals(String.join(",", failoverUrls), failover.get("url"));
        List<Map<String, Object>> instances = instances(failover);
        assertEquals(2, instances.size(), failover.toString());
        assertEquals(failoverUrls.get(0), instances.get(0).get("url"));
        assertEquals(
                "UNREACHABLE", instances.get(0).get("status"), instances.get(0).toString());
        assertNull(instances.get(0).get("http_status"));
        assertEquals(failoverUrls.get(1), instances.get(1).get("url"));
        assertEquals("UP", instances.get(1).get("status"));
        assertEquals(200, instances.get(1).get("http_status"));
        // the summary fields describe the instance that is up
        assertEquals(200, failover.get("http_status"));

        Map<String, Object> allDown = upstream(upstreams, "all-down");
        assertEquals("UNREACHABLE", allDown.get("status"));
        assertEquals(0, allDown.get("instances_up"));
        assertEquals(
                List.of("UNREACHABLE", "UNREACHABLE"),
                instances(allDown).stream().map(i -> i.get("status")).toList());
        assertEquals(
                routeUrls("all-down"),
                instances(allDown).stream().map(i -> i.get("url")).toList());

        // both instances answer: each is reported, under the upstream's configured name
        Map<String, Object> balanced = upstream(upstreams, "balanced");
        assertEquals("pair", balanced.get("name"));
        assertEquals("UP", balanced.get("status"));
        assertEquals(2, balanced.get("instances_up"));
        assertEquals(
                routeUrls("balanced"),
                instances(balanced).stream().map(i -> i.get("url")).toList());
        assertEquals(
                List.of("CLOSED", "CLOSED"),
                instances(balanced).stream().map(i -> i.get("circuit")).toList());

        // a single-instance upstream lists its one instance
        Map<String, Object> down = upstream(upstreams, "down");
        assertEquals(0, down.get("instances_up"));
        assertEquals(1, instances(down).size());
        assertEquals(down.get("url"), instances(down).get(0).get("url"));
    }

    private static Map<String, Object> upstream(List<Map<String, Object>> upstreams, String route) {
        return upstreams.stream()
                .filter(u -> ((List<?>) u.get("routes")).contains(route))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no upstream serves route " + route + ": " + upstreams));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> instances(Map<String, Object> upstream) {
        return (List<Map<String, Object>>) upstream.get("instances");
    }

    /** The route's configured instances as the status reports them ({@code http://127.0.0.1:port}). */
    private static List<String> routeUrls(String route) {
        String urls = ConfigProvider.getConfig().getValue("opsuite.gateway.routes." + route + ".url", String.class);
        return Arrays.stream(urls.split(",")).map(String::trim).toList();
    }

    @Test
    void readinessIsUpWhileUpstreamsAreDown() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
