package dev.opsuite.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client behind our proxies, edge case by edge case. One implementation for the gateway's edge
 * and telemetry's ingest limits (they used to disagree on non-IP hops).
 */
class TrustedProxiesTest {
    private final TrustedProxies proxies =
            new TrustedProxies(List.of("127.0.0.1/32", "::1/128", "10.0.0.0/8", " 192.168.0.0/16 "));

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                // an untrusted peer's header is ignored: a client cannot pick its own address
                "198.51.100.7 | 203.0.113.9                        | 198.51.100.7",
                // a trusted peer passes the client on
                "10.1.2.3     | 203.0.113.9                        | 203.0.113.9",
                "127.0.0.1    | 203.0.113.9                        | 203.0.113.9",
                "::1          | 2001:db8::1                        | 2001:db8::1",
                // the nearest untrusted hop; what is left of it could be forged
                "10.0.0.5     | 1.2.3.4, 203.0.113.9, 10.0.0.7     | 203.0.113.9",
                // only our proxies: the outermost is the (internal) client
                "10.0.0.5     | 192.168.1.1, 10.0.0.7              | 192.168.1.1",
                // garbage, names and ports never become an address: the peer is used
                "10.0.0.5     | not-an-ip                          | 10.0.0.5",
                "10.0.0.5     | evil.example.com                   | 10.0.0.5",
                "10.0.0.5     | 203.0.113.9:4711                   | 10.0.0.5",
                "10.0.0.5     | 203.0.113.9, unknown               | 10.0.0.5",
                // a garbage hop left of the real client does not matter
                "10.0.0.5     | junk, 203.0.113.9                  | 203.0.113.9",
                // bracketed IPv6, blanks and empty entries
                "10.0.0.5     | '[2001:db8::7]'                    | 2001:db8::7",
                "10.0.0.5     | ' , 203.0.113.9 ,, '               | 203.0.113.9",
                "10.0.0.5     | ''                                 | 10.0.0.5",
                "10.0.0.5     | NULL                               | 10.0.0.5",
                // IPv4-mapped IPv6 of a trusted address is trusted
                "::ffff:10.0.0.9 | 203.0.113.9                     | 203.0.113.9",
            })
    void resolvesTheClient(String peer, String forwardedFor, String expected) {
        assertEquals(expected, proxies.clientIp(peer, forwardedFor));
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.5, true",
        "10.255.255.255, true",
        "11.0.0.1, false",
        "::1, true",
        "'[::1]', true",
        "'', false",
        "x, false"
    })
    void trustsOnlyTheConfiguredNetworks(String ip, boolean trusted) {
        assertEquals(trusted, proxies.isTrusted(ip));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"10.0.0.5 | 203.0.113.1, 10.0.0.8 | 203.0.113.2 | 203.0.113.2"})
    void readsEveryHeaderLineInOrder(String peer, String first, String second, String expected) {
        assertEquals(expected, proxies.clientIp(peer, List.of(first, second)));
    }
}
