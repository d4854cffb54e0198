package dev.opsuite.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.gateway.support.Gzip;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EdgePassThroughTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void pathQueryBodyAndEndToEndHeadersReachTheUpstreamUnchanged() {
        Response response = given().urlEncodingEnabled(false)
                .header("X-Request-Id", "req-pass-through-1")
                .header("Idempotency-Key", "idem-1")
                .header("X-Idempotency-Key", "xidem-1")
                .header("X-Session-Id", "sess-1")
                .header("If-Match", "\"v0\"")
                .header("Range", "bytes=0-99")
                .header("Content-Type", "application/json")
                .body("{\"hello\":\"world\"}")
                .when()
                .post("/echo/deep/path?a=1&b=two%20words");

        assertEquals(200, response.statusCode());
        JsonObject seen = new JsonObject(response.body().asString());
        JsonObject headers = seen.getJsonObject("headers");
        assertEquals("POST", seen.getString("method"));
        assertEquals("/echo/deep/path?a=1&b=two%20words", seen.getString("uri"));
        assertEquals("{\"hello\":\"world\"}", new String(Base64.getDecoder().decode(seen.getString("body_base64"))));
        assertEquals("idem-1", first(headers, "idempotency-key"));
        assertEquals("xidem-1", first(headers, "x-idempotency-key"));
        assertEquals("sess-1", first(headers, "x-session-id"));
        assertEquals("\"v0\"", first(headers, "if-match"));
        assertEquals("bytes=0-99", first(headers, "range"));
        assertEquals("\"v1\"", response.header("ETag"));
        assertEquals("echo", response.header("X-Upstream"));
    }

    @Test
    void requestIdForwardedHeadersAndTraceparentAreAdded() {
        Response response = given().header("X-Request-Id", "req-fwd-42").when().get("/echo/forwarded");
        JsonObject headers = new JsonObject(response.body().asString()).getJsonObject("headers");

        assertEquals("req-fwd-42", first(headers, "x-request-id"));
        assertEquals("req-fwd-42", response.header("X-Request-Id"));
        assertEquals("127.0.0.1", first(headers, "x-forwarded-for"));
        assertEquals("http", first(headers, "x-forwarded-proto"));
        assertEquals(gateway.getHost() + ":" + gateway.getPort(), first(headers, "x-forwarded-host"));
        assertTrue(
                first(headers, "traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"),
                first(headers, "traceparent"));
    }

    @Test
    void generatesARequestIdWhenTheClientSentNone() {
        Response response = given().when().get("/echo/no-id");
        String upstreamSaw = first(new JsonObject(response.body().asString()).getJsonObject("headers"), "x-request-id");
        assertTrue(upstreamSaw.matches("req_[0-9a-f]{32}"), upstreamSaw);
        assertEquals(upstreamSaw, response.header("X-Request-Id"));
    }

    @Test
    void clientForwardedForIsReplacedBecauseTheClientIsNotATrustedProxy() {
        Response response = given().header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Host", "evil.example")
                .when()
                .get("/echo/spoof");
        JsonObject headers = new JsonObject(response.body().asString()).getJsonObject("headers");
        assertEquals("127.0.0.1", first(headers, "x-forwarded-for"));
        assertEquals(gateway.getHost() + ":" + gateway.getPort(), first(headers, "x-forwarded-host"));
    }

    @Test
    void keepsTheTraceIdOfAnIncomingTraceparent() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Response response = given().header("traceparent", incoming).when().get("/echo/traced");
        String forwarded = first(new JsonObject(response.body().asString()).getJsonObject("headers"), "traceparent");
        assertTrue(forwarded.startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-"), forwarded);
    }

    @Test
    void hopByHopHeadersAreStrippedBothWays() {
        Response response = given().header("Connection", "keep-alive, X-Remove-Me")
                .header("X-Remove-Me", "connection-scoped")
                .header("Keep-Alive", "timeout=5")
                .header("TE", "trailers")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("X-Keep-Me", "end-to-end")
                .when()
                .get("/echo/hop");
        JsonObject headers = new JsonObject(response.body().asString()).getJsonObject("headers");

        assertFalse(headers.containsKey("x-remove-me"));
        assertFalse(headers.containsKey("keep-alive"));
        assertFalse(headers.containsKey("te"));
        assertFalse(headers.containsKey("proxy-authorization"));
        assertEquals("end-to-end", first(headers, "x-keep-me"));
        assertNull(response.header("X-Hop-Response"));
        assertNull(response.header("Keep-Alive"));
    }

    @Test
    void reasonPhraseOfTheUpstreamIsPreserved() {
        Response response = given().when().get("/echo/reason");
        assertEquals(409, response.statusCode());
        assertEquals("HTTP/1.1 409 Parameter verification failed.", response.statusLine());
        assertEquals("{\"data\":null}", response.body().asString());
    }

    @Test
    void contentEncodingPassesThroughWithoutRecompression() throws Exception {
        byte[] gzipped = Gzip.compress("{\"compressed\":\"by the client\"}");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> upload = client.send(
                HttpRequest.newBuilder(URI.create(gateway + "echo/encoded"))
                        .header("Content-Encoding", "gzip")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonObject seen = new JsonObject(new String(upload.body()));
        assertEquals("gzip", first(seen.getJsonObject("headers"), "content-encoding"));
        assertArrayEquals(gzipped, Base64.getDecoder().decode(seen.getString("body_base64")));

        HttpResponse<byte[]> download = client.send(
                HttpRequest.newBuilder(URI.create(gateway + "echo/gzip")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", download.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("compressed by the upstream", Gzip.decompress(download.body()));
    }

    @Test
    void pathsOfTheGatewayItselfAreNotProxied() {
        given().when().get("/echoes").then().statusCode(404);
        given().when().get("/.well-known/jwks.json").then().statusCode(200);
    }

    static String first(JsonObject headers, String name) {
        var values = headers.getJsonArray(name);
        return values == null || values.isEmpty() ? null : values.getString(0);
    }
}
