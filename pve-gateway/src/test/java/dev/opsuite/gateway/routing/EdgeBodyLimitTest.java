package dev.opsuite.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.devstack.test.hostile.RawHttp;
import dev.opsuite.devstack.test.hostile.RawResponse;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The edge applies each route's body limit itself: an oversized body (declared or chunked) is a 413
 * from the edge and never counts against the upstream's circuit. Before, bodies between a service's
 * limit and the edge's were forwarded, the service hung up, the edge answered 502 and counted a
 * failure: five anonymous requests opened the circuit for everyone.
 */
@QuarkusTest
class EdgeBodyLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RawHttp http =
            new RawHttp("localhost", ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class));

    @Test
    void oversizedBodiesAre413AndNeverOpenTheCircuit() throws Exception {
        byte[] big = new byte[100 * 1024];
        for (int i = 0; i < 6; i++) {
            RawResponse declared = http.send("POST", "/small/upload", Map.of("Content-Type", "application/json"), big);
            assertTooLarge(declared);
            RawResponse chunked = http.exchange(chunkedPost("/small/upload", big), null);
            assertTooLarge(chunked);
        }
        // the threshold is 3: six refusals later the upstream is still reachable for everyone
        RawResponse fine = http.send("POST", "/small/upload", Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, fine.status(), fine.bodyText());
        assertEquals("received 2", fine.bodyText());
    }

    @Test
    void bodiesWithinTheLimitStreamThrough() throws Exception {
        byte[] body = new byte[60 * 1024];
        RawResponse chunked = http.exchange(chunkedPost("/small/upload", body), null);
        assertEquals(200, chunked.status(), chunked.bodyText());
        assertEquals("received " + body.length, chunked.bodyText());
    }

    private static void assertTooLarge(RawResponse response) throws Exception {
        assertEquals(413, response.status(), response.bodyText());
        assertTrue(response.header("content-type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals("payload_too_large", problem.path("code").asText());
        assertEquals(
                response.header("x-request-id").orElse(null),
                problem.path("request_id").asText());
    }

    private static byte[] chunkedPost(String path, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (int offset = 0; offset < body.length; offset += 8192) {
            int n = Math.min(8192, body.length - offset);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, offset, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
