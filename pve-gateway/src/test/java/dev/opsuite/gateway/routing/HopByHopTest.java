package dev.opsuite.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class HopByHopTest {

    @Test
    void removesFixedAndConnectionNamedHeaders() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Connection", "keep-alive, X-Private")
                .add("X-Private", "1")
                .add("Keep-Alive", "timeout=5")
                .add("Proxy-Authorization", "x")
                .add("TE", "trailers")
                .add("Upgrade", "h2c")
                .add("ETag", "\"a\"");
        HopByHop.strip(headers, false);
        assertEquals(1, headers.size());
        assertEquals("\"a\"", headers.get("etag"));
    }

    @Test
    void aWebSocketUpgradeKeepsWhatTheUpgradeNeeds() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Connection", "keep-alive, Upgrade")
                .add("Upgrade", "websocket")
                .add("Keep-Alive", "timeout=5")
                .add("Sec-WebSocket-Key", "k");
        HopByHop.strip(headers, true);
        assertEquals("Upgrade", headers.get("connection"));
        assertEquals("websocket", headers.get("upgrade"));
        assertFalse(headers.contains("keep-alive"));
        assertTrue(headers.contains("sec-websocket-key"));
    }
}
