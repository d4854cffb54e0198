package dev.opsuite.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A route whose {@code url} lists several instances of one upstream (see TestUpstreams: instances
 * {@code a} and {@code b} behind /balanced, a dead port before {@code b} behind /failover, two dead
 * ports behind /all-down; circuit threshold 3, open for 1 s).
 */
@QuarkusTest
class EdgeLoadBalancingTest {

    @Inject
    CircuitBreakers breakers;

    @Test
    void requestsAreSpreadRoundRobinOverTheInstances() {
        Map<String, Integer> served = new HashMap<>();
        String previous = null;
        for (int i = 0; i < 10; i++) {
            Response response = given().when().get("/balanced/item/" + i);
            assertEquals(200, response.statusCode(), response.asString());
            String instance = response.header("X-Instance");
            served.merge(instance, 1, Integer::sum);
            assertTrue(!instance.equals(previous), "two requests in a row went to instance " + instance);
            previous = instance;
        }
        assertEquals(Map.of("a", 5, "b", 5), served);
    }

    @Test
    void aRefusedConnectionFailsOverToTheNextInstanceAndTheBodyArrivesOnce() throws Exception {
        int before = hits("/failover/orders");
        for (int i = 0; i < 6; i++) {
            Response response = given().body("order-" + i).when().post("/failover/orders");
            assertEquals(200, response.statusCode(), response.asString());
            assertEquals("instance b POST order-" + i, response.asString());
        }
        assertEquals(before + 6, hits("/failover/orders"), "each POST must reach the live instance exactly once");

        UpstreamRoute route = route("failover");
        assertEquals(
                CircuitBreaker.State.OPEN,
                breakers.forOrigin(route.origins().get(0)).state());
        assertEquals(
                CircuitBreaker.State.CLOSED,
                breakers.forOrigin(route.origins().get(1)).state());

        // with the dead instance's circuit open, requests go straight to the live one
        long start = System.nanoTime();
        given().body("fast").when().post("/failover/orders").then().statusCode(200);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1000);
    }

    @Test
    void whenEveryInstanceIsDownTheEdgeAnswers502ThenPausesWith503() {
        for (int i = 0; i < 3; i++) {
            Response response =
                    given().header("X-Request-Id", "req-all-down-" + i).when().get("/all-down/x");
            assertEquals(502, response.statusCode(), response.asString());
            assertEquals("upstream_error", response.path("code"));
            assertEquals("req-all-down-" + i, response.header("X-Request-Id"));
        }
        // each request was charged to both instances (the failover, then the last failure): threshold 3 reached
        UpstreamRoute route = route("all-down");
        for (UpstreamOrigin origin : route.origins()) {
            assertEquals(CircuitBreaker.State.OPEN, breakers.forOrigin(origin).state(), origin.key());
        }
        Response paused = given().when().get("/all-down/x");
        assertEquals(503, paused.statusCode(), paused.asString());
        assertEquals("service_unavailable", paused.path("code"));
        assertTrue(Integer.parseInt(paused.header("Retry-After")) >= 1);
    }

    @Test
    void everyListedOriginBecomesAnInstanceOfTheRoute() {
        UpstreamRoute route = route("balanced");
        assertEquals(2, route.origins().size());
        List<String> keys = route.origins().stream().map(UpstreamOrigin::key).toList();
        assertTrue(keys.get(0).startsWith("http://127.0.0.1:"), keys.toString());
        assertTrue(!keys.get(0).equals(keys.get(1)), keys.toString());
    }

    private static UpstreamRoute route(String name) {
        String url = ConfigProvider.getConfig().getValue("opsuite.gateway.routes." + name + ".url", String.class);
        List<UpstreamOrigin> origins = Arrays.stream(url.split(","))
                .map(String::trim)
                .map(u -> new UpstreamOrigin(URI.create(u)))
                .toList();
        return new UpstreamRoute(name, origins, List.of("/" + name), Duration.ofSeconds(2), 0, 1, 1);
    }

    private static int hits(String path) throws Exception {
        String url = ConfigProvider.getConfig().getValue("opsuite.gateway.routes.failover.url", String.class);
        String live = url.split(",")[1].trim();
        return Integer.parseInt(HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(live + "/__hits?path=" + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }
}
