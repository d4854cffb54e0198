package dev.opsuite.common.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void matchesIpv4AndIpv6Networks() {
        assertTrue(Cidr.parse("10.0.0.0/8").contains("10.200.3.4"));
        assertFalse(Cidr.parse("10.0.0.0/8").contains("11.0.0.1"));
        assertTrue(Cidr.parse("172.16.0.0/12").contains("172.31.255.255"));
        assertFalse(Cidr.parse("172.16.0.0/12").contains("172.32.0.0"));
        assertTrue(Cidr.parse("127.0.0.1").contains("127.0.0.1"));
        assertTrue(Cidr.parse("::1/128").contains("0:0:0:0:0:0:0:1"));
        assertTrue(Cidr.parse("fd00::/8").contains("fd12:3456::1"));
        assertFalse(Cidr.parse("10.0.0.0/8").contains("fd12:3456::1"));
    }

    @Test
    void neverResolvesHostNames() {
        assertFalse(Cidr.parse("127.0.0.0/8").contains("localhost"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost/8"));
    }
}
