package dev.opsuite.telemetry.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress clients = new ClientAddress(
            List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"));

    @Test
    void trustsForwardedForOnlyFromConfiguredProxies() {
        assertEquals("203.0.113.9", clients.resolve("10.1.2.3", "203.0.113.9"));
        assertEquals("203.0.113.9", clients.resolve("127.0.0.1", "203.0.113.9"));
        // a client on the internet cannot pick its own bucket
        assertEquals("198.51.100.7", clients.resolve("198.51.100.7", "203.0.113.9"));
    }

    @Test
    void takesTheNearestUntrustedHopOfAChain() {
        // spoofed first entry, then the real client, then our own proxies
        assertEquals("203.0.113.9", clients.resolve("10.0.0.5", "1.2.3.4, 203.0.113.9, 10.0.0.7"));
        // only proxies: the outermost one
        assertEquals("192.168.1.1", clients.resolve("10.0.0.5", "192.168.1.1, 10.0.0.7"));
        // garbage in the header never becomes a key
        assertEquals("10.0.0.5", clients.resolve("10.0.0.5", "not-an-ip"));
        assertEquals("2001:db8::1", clients.resolve("::1", "2001:db8::1"));
    }

    @Test
    void tokenBucketAllowsABurstThenTheRate() {
        long t = 0;
        TokenBucket bucket = new TokenBucket(60, 5.0, t);
        for (int i = 0; i < 60; i++) {
            assertEquals(0, bucket.tryTake(t), "token " + i);
        }
        long wait = bucket.tryTake(t);
        assertTrue(wait > 0 && wait <= 200_000_000L, "wait " + wait);
        t += 200_000_000L; // 0.2 s = one token at 5/s
        assertEquals(0, bucket.tryTake(t));
        assertTrue(bucket.tryTake(t) > 0);
        assertTrue(bucket.isFullAt(t + 60_000_000_000L));
    }
}
