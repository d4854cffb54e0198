package dev.opsuite.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EdgeFailureTest {

    @Test
    void unreachableUpstreamIs502ProblemWithTheRequestId() {
        Response response = given().header("X-Request-Id", "req-down-1").when().get("/down/anything");
        assertEquals(502, response.statusCode());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        assertEquals("upstream_error", response.path("code"));
        assertEquals(502, (int) response.path("status"));
        assertEquals("req-down-1", response.path("request_id"));
        assertEquals("req-down-1", response.header("X-Request-Id"));
    }

    @Test
    void upstreamSlowerThanTheRouteTimeoutIs504() {
        long start = System.nanoTime();
        given().when()
                .get("/slow/report")
                .then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("code", equalTo("timeout"))
                .body("request_id", org.hamcrest.Matchers.startsWith("req_"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2500, "504 after " + millis + " ms");
    }

    @Test
    void circuitOpensAfterConsecutiveFailuresAndAProbeClosesIt() throws Exception {
        String upstream = ConfigProvider.getConfig().getValue("opsuite.gateway.routes.breaker.url", String.class);
        control(upstream, "slow");

        for (int i = 0; i < 3; i++) {
            given().when().get("/breaker/work").then().statusCode(504);
        }
        assertEquals(3, hits(upstream, "/breaker/work"));

        long start = System.nanoTime();
        Response open = given().when().get("/breaker/work");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, open.statusCode());
        assertEquals("service_unavailable", open.path("code"));
        assertTrue(Integer.parseInt(open.header("Retry-After")) >= 1);
        assertTrue(millis < 150, "open circuit answered after " + millis + " ms");
        assertEquals(3, hits(upstream, "/breaker/work"), "an open circuit must not reach the upstream");

        // other routes are not affected by this upstream's open circuit
        given().when().get("/echo/unaffected").then().statusCode(200);

        control(upstream, "ok");
        Thread.sleep(1100);
        given().when().get("/breaker/work").then().statusCode(200).body(equalTo("fast answer"));
        given().when().get("/breaker/work").then().statusCode(200);
        assertEquals(5, hits(upstream, "/breaker/work"));
    }

    private static void control(String upstream, String mode) throws Exception {
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(upstream + "/control/" + mode))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static int hits(String upstream, String path) throws Exception {
        return Integer.parseInt(HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(upstream + "/__hits?path=" + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }
}
