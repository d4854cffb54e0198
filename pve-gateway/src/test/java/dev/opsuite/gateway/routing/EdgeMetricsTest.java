package dev.opsuite.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Proxied paths carry ids: each must not become its own metrics series (unbounded memory from anyone). */
@QuarkusTest
class EdgeMetricsTest {

    @Test
    void proxiedRequestsAreRecordedUnderTheirRoutePrefix() {
        String id = UUID.randomUUID().toString();
        given().get("/echo/items/" + id).then().statusCode(200);
        given().get("/echo/items/other-" + id).then().statusCode(200);
        String metrics = given().auth()
                .oauth2(TestAuth.adminToken())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(metrics.contains("uri=\"/echo/**\""), "no series for the route prefix");
        assertFalse(metrics.contains(id), "a proxied path became its own series");
    }

    @Test
    void metricsAreNotServedToAnonymousClientsOfTheEdge() {
        given().get("/q/metrics").then().statusCode(401);
        given().get("/q/openapi").then().statusCode(401);
    }
}
