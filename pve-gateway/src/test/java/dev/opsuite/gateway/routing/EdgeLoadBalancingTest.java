package dev.opsuite.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A route whose {@code url} lists several instances of one upstream (see TestUpstreams: instances
 * {@code a} and {@code b} behind /balanced, a dead port before {@code b} behind /failover, two dead
 * ports behind /all-down; instances {@code least-a} and {@code least-b} behind /least, balanced
 * least-outstanding; circuit threshold 3, open for 1 s).
 */
@QuarkusTest
class EdgeLoadBalancingTest {

    @Inject
    CircuitBreakers breakers;

    @Inject
    OriginRotation rotation;

    @TestHTTPResource("/")
    URI root;

    private String gateway() {
        String url = root.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

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
    void leastOutstandingSendsNewRequestsAwayFromTheInstanceStillBusy() throws Exception {
        UpstreamRoute route = route("least");
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(
                HttpRequest.newBuilder(URI.create(gateway() + "/least/hold")).build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (rotation.outstanding(route.origins().get(0))
                        + rotation.outstanding(route.origins().get(1))
                == 0) {
            assertTrue(System.nanoTime() < deadline, "the held request never reached an instance");
            Thread.sleep(10);
        }
        Set<String> quick = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Response response = given().when().get("/least/quick/" + i);
            assertEquals(200, response.statusCode(), response.asString());
            quick.add(response.header("X-Instance"));
        }
        HttpResponse<String> slow = held.get(10, TimeUnit.SECONDS);
        assertEquals(200, slow.statusCode(), slow.body());
        String busy = slow.headers().firstValue("X-Instance").orElseThrow();
        assertEquals(1, quick.size(), "round-robin would have sent half of them to the busy instance: " + quick);
        assertTrue(!quick.contains(busy), "quick requests went to the busy instance " + busy);
        // the client may read the last byte a moment before the edge's end-of-exchange handler runs
        long settled = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        for (UpstreamOrigin origin : route.origins()) {
            while (rotation.outstanding(origin) != 0 && System.nanoTime() < settled) {
                Thread.sleep(10);
            }
            assertEquals(0, rotation.outstanding(origin), "a finished request still counts as in flight: " + origin);
        }
    }

    @Test
    void webSocketsAndEventStreamsAreProxiedToEveryInstance() throws Exception {
        Set<String> echoes = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create(gateway().replace("http", "ws") + "/balanced/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    })
                    .get(5, TimeUnit.SECONDS);
            ws.sendText("hello " + i, true).get(5, TimeUnit.SECONDS);
            String echoed = reply.get(5, TimeUnit.SECONDS);
            assertTrue(echoed.matches("[ab]: hello " + i), echoed);
            echoes.add(echoed.substring(0, 1));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
        assertEquals(Set.of("a", "b"), echoes, "two connections in a row must land on both instances");

        Set<String> streams = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            Response events = given().when().get("/balanced/events");
            assertEquals(200, events.statusCode());
            assertTrue(events.contentType().startsWith("text/event-stream"), events.contentType());
            String instance = events.header("X-Instance");
            assertEquals(
                    "id: 1\ndata: " + instance + " event 1\n\nid: 2\ndata: " + instance + " event 2\n\nid: 3\ndata: "
                            + instance + " event 3\n\n",
                    events.asString());
            streams.add(instance);
        }
        assertEquals(Set.of("a", "b"), streams);
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
