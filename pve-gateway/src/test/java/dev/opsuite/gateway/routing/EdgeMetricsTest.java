package dev.opsuite.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Requests are counted per route and status class: proxied paths carry ids, and none may become its
 * own metrics series (unbounded memory from anyone).
 */
@QuarkusTest
class EdgeMetricsTest {

    @Test
    void proxiedRequestsAreCountedUnderTheirRouteAndStatusClass() {
        double ok = count("echo", "2xx");
        double missing = count("gateway", "4xx");
        String id = UUID.randomUUID().toString();
        given().get("/echo/items/" + id).then().statusCode(200);
        given().get("/echo/items/other-" + id).then().statusCode(200);
        given().get("/no-route-owns-this-" + id).then().statusCode(404);

        String metrics = metrics();
        assertEquals(ok + 2, count(metrics, "echo", "2xx"), "the two proxied requests");
        // the access-log handler counts the request while the scrape itself is being answered
        assertEquals(missing + 1, count(metrics, "gateway", "4xx"), "the gateway's own 404");
        assertFalse(metrics.contains(id), "a proxied path became its own series");
        assertFalse(metrics.contains("http_server_requests"), "Quarkus' per-request HTTP metrics are off");
    }

    @Test
    void metricsAreNotServedToAnonymousClientsOfTheEdge() {
        given().get("/q/metrics").then().statusCode(401);
        given().get("/q/openapi").then().statusCode(401);
    }

    private static double count(String route, String status) {
        return count(metrics(), route, status);
    }

    private static double count(String metrics, String route, String status) {
        Matcher m = Pattern.compile("(?m)^opsuite_gateway_requests_seconds_count\\{([^}]*)} (\\S+)$")
                .matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("route=\"" + route + "\"") && labels.contains("status=\"" + status + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    private static String metrics() {
        return given().auth()
                .oauth2(TestAuth.adminToken())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
