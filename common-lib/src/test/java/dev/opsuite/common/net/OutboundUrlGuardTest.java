package dev.opsuite.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlGuardTest {
    /** Fake DNS: no lookups leave the machine. */
    private static final Map<String, String[]> DNS = Map.of(
            "hooks.example.com", new String[] {"93.184.216.34"},
            "rebind.example.com", new String[] {"93.184.216.34", "10.0.0.5"},
            "v6.example.com", new String[] {"2606:2800:220:1:248:1893:25c8:1946"},
            "internal.example.com", new String[] {"10.1.2.3"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] ips = DNS.get(host);
        if (ips == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            out[i] = InetAddress.getByName(ips[i]);
        }
        return out;
    }

    private final OutboundUrlGuard guard = new OutboundUrlGuard(List.of(), false, OutboundUrlGuardTest::resolve);

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1/, loopback",
        "http://127.8.9.10:8080/x, loopback",
        "http://2130706433/, loopback",
        "http://0x7f.1/, loopback",
        "http://0x7f000001/, loopback",
        "http://0177.0.0.1/, loopback",
        "http://127.1/, loopback",
        "http://017700000001/, loopback",
        "http://[::1]/, loopback",
        "http://[::ffff:127.0.0.1]/, loopback",
        "http://[::ffff:7f00:1]/, loopback",
        "http://[::127.0.0.1]/, loopback",
        "http://[64:ff9b::a00:1]/, private",
        "http://[2002:c0a8:101::1]/, private",
        "http://10.0.0.1/, private",
        "http://172.16.5.4/, private",
        "http://172.31.255.255/, private",
        "http://192.168.1.1/, private",
        "http://[::ffff:192.168.1.1]/, private",
        "http://169.254.169.254/latest/meta-data, metadata",
        "http://[::ffff:169.254.169.254]/, metadata",
        "http://[fd00:ec2::254]/, metadata",
        "http://metadata.google.internal/computeMetadata/v1/, metadata",
        "http://169.254.1.1/, link-local",
        "http://[fe80::1]/, link-local",
        "http://[fc00::1]/, unique local",
        "http://[fd12:3456::1]/, unique local",
        "http://100.64.0.1/, carrier-grade",
        "http://100.127.255.254/, carrier-grade",
        "http://0.0.0.0/, unspecified",
        "http://0/, unspecified",
        "http://[::]/, unspecified",
        "http://224.0.0.1/, multicast",
        "http://[ff02::1]/, multicast",
        "http://255.255.255.255/, broadcast",
        "http://localhost:8080/, loopback",
        "http://api.localhost/, loopback",
        "http://internal.example.com/, private",
        "http://rebind.example.com/, private",
    })
    void refusesInternalTargets(String url, String expectedWord) {
        UnsafeUrlException e = assertThrows(UnsafeUrlException.class, () -> guard.check(url));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains(expectedWord), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://hooks.example.com/",
                "file:///etc/passwd",
                "gopher://x/",
                "javascript:alert(1)",
                "http://user:pw@hooks.example.com/",
                "http://hooks.example.com@127.0.0.1/",
                "http:///nohost",
                "http://hooks.example.com:99999/",
                "http://nxdomain.example.com/",
                "http://[fe80::1%25eth0]/",
                "not a url",
                "http://256.1.1.1/",
                "http://0x1g.1/"
            })
    void refusesMalformedOrCredentialedUrls(String url) {
        assertThrows(UnsafeUrlException.class, () -> guard.check(url));
    }

    @Test
    void acceptsPublicHostsAndReturnsTheVettedAddress() throws Exception {
        VettedUrl v = guard.check("https://hooks.example.com/webhook?x=1");
        assertEquals("hooks.example.com", v.host());
        assertEquals(443, v.port());
        assertEquals(InetAddress.getByName("93.184.216.34"), v.address());
        VettedUrl six = guard.check("http://v6.example.com:8080/");
        assertEquals(8080, six.port());
        assertEquals(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"), six.address());
        assertEquals(
                InetAddress.getByName("8.8.8.8"),
                guard.check("http://134744072/").address());
    }

    @Test
    void allowListAdmitsHostsAndNetworks() {
        OutboundUrlGuard allowing = new OutboundUrlGuard(
                List.of("internal.example.com", "127.0.0.0/8", "fd00::/8"), true, OutboundUrlGuardTest::resolve);
        assertEquals(
                "internal.example.com",
                allowing.check("http://internal.example.com/hook").host());
        assertEquals(9000, allowing.check("http://127.0.0.1:9000/").port());
        allowing.check("http://[fd00::5]/");
        assertThrows(UnsafeUrlException.class, () -> allowing.check("http://10.0.0.1/"));
        UnsafeUrlException plain =
                assertThrows(UnsafeUrlException.class, () -> allowing.check("http://hooks.example.com/"));
        assertTrue(plain.getMessage().contains("https"));
    }
}
