package dev.opsuite.common.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.devstack.test.hostile.RawHttp;
import dev.opsuite.devstack.test.hostile.RawResponse;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Requests no endpoint can answer sanely are refused before any endpoint runs, in the path's
 * dialect and with a request id — where Vert.x used to answer an empty 414/431, a 200 for HTTP/9.9,
 * or a 500 for a missing Host header.
 */
@QuarkusTest
class RequestGuardHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RawHttp http =
            new RawHttp("localhost", ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class));

    private RawResponse raw(String request) throws Exception {
        return http.exchange(request.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    private static JsonNode problem(RawResponse r, int status, String code) throws Exception {
        assertEquals(status, r.status(), r.bodyText());
        assertTrue(
                r.header("content-type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(code, body.path("code").asText(), body.toString());
        String id = r.header("x-request-id").orElseThrow(() -> new AssertionError("no X-Request-Id: " + r.headers()));
        assertEquals(id, body.path("request_id").asText());
        return body;
    }

    @Test
    void unknownHttpVersionIs505() throws Exception {
        problem(
                raw("GET /probe/request-id HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                505,
                "http_version_not_supported");
    }

    @Test
    void missingOrMalformedHostIs400WithRequestId() throws Exception {
        JsonNode missing =
                problem(raw("GET /probe/request-id HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, "bad_request");
        assertEquals("A valid Host header is required", missing.path("detail").asText());
        problem(raw("GET /probe/request-id HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"), 400, "bad_request");
        problem(raw("GET /probe/request-id HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n"), 400, "bad_request");
    }

    @Test
    void methodHttpDoesNotDefineIs400() throws Exception {
        JsonNode body = problem(http.send("M12345", "/probe/request-id", Map.of(), null), 400, "unknown_method");
        assertEquals(
                "HTTP defines no method named 'M12345'", body.path("detail").asText());
    }

    @Test
    void oversizedTargetIs414AndOversizedHeadersAre431InDialect() throws Exception {
        problem(http.send("GET", "/probe/search?a=" + "x".repeat(9000), Map.of(), null), 414, "uri_too_long");
        RawResponse headers = http.send("GET", "/auto/conflict", Map.of("X-Filler", "f".repeat(40_000)), null);
        assertEquals(431, headers.status());
        JsonNode body = JSON.readTree(headers.body());
        assertEquals(431, body.path("code").asInt(), body.toString());
        assertEquals(
                "The request headers are larger than 32768 bytes",
                body.path("error").asText());
        assertTrue(headers.header("x-request-id").isPresent());
    }

    @Test
    void nulOrBadUtf8InPathOrQueryIs400() throws Exception {
        JsonNode query = problem(http.send("GET", "/probe/search?limit=1&q=%00", Map.of(), null), 400, "bad_request");
        assertEquals(
                "Invalid request target: the query string contains U+0000 (NUL)",
                query.path("detail").asText());
        problem(http.send("GET", "/probe/a%00b", Map.of(), null), 400, "bad_request");
        problem(http.send("GET", "/probe/a%0Ab", Map.of(), null), 400, "bad_request");
        problem(http.send("GET", "/probe/search?q=%C3%28", Map.of(), null), 400, "bad_request");
        problem(http.send("GET", "/probe/search?q=%ED%A0%80", Map.of(), null), 400, "bad_request");
        problem(http.send("GET", "/probe/search?q=%ZZ", Map.of(), null), 400, "bad_request");
        // a well-formed non-ASCII query is fine
        assertEquals(
                200,
                http.send("GET", "/probe/search?limit=3&q=%E4%BD%A0%F0%9F%98%80", Map.of(), null)
                        .status());
    }

    @Test
    void refusalsSpeakTheDialectOfThePath() throws Exception {
        RawResponse automation = http.send("GET", "/auto/conflict?x=%00", Map.of(), null);
        assertEquals(400, automation.status());
        JsonNode body = JSON.readTree(automation.body());
        assertEquals(400, body.path("code").asInt());
        assertTrue(body.path("error").asText().contains("U+0000"), body.toString());
    }

    @Test
    void metricsAndOpenApiNeedAnAdmin() throws Exception {
        problem(http.send("GET", "/q/metrics", Map.of(), null), 401, "unauthorized");
        problem(http.send("GET", "/q/openapi", Map.of(), null), 401, "unauthorized");
        String viewer = TestTokens.issue("vic", "viewer");
        assertEquals(
                403,
                http.send("GET", "/q/metrics", Map.of("Authorization", "Bearer " + viewer), null)
                        .status());
        String admin = TestTokens.issue("ada", "admin");
        RawResponse metrics = http.send("GET", "/q/metrics", Map.of("Authorization", "Bearer " + admin), null);
        assertEquals(200, metrics.status());
        assertEquals(200, http.send("GET", "/q/health/ready", Map.of(), null).status());
    }

    @Test
    void unknownMethodsShareOneMetricsSeries() throws Exception {
        for (int i = 0; i < 5; i++) {
            http.send("MX" + i + "Q", "/probe/request-id", Map.of(), null);
        }
        String admin = TestTokens.issue("ada", "admin");
        String metrics = http.send("GET", "/q/metrics", Map.of("Authorization", "Bearer " + admin), null)
                .bodyText();
        assertTrue(metrics.contains("method=\"OTHER\""), "unknown methods are not recorded as OTHER");
        for (int i = 0; i < 5; i++) {
            assertTrue(!metrics.contains("method=\"MX" + i + "Q\""), "a client-made method became a metrics series");
        }
    }
}
