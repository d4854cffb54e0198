package dev.opsuite.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
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
    void readinessIsUpWhileUpstreamsAreDown() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
