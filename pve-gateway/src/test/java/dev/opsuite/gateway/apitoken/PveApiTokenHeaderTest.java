package dev.opsuite.gateway.apitoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PveApiTokenHeaderTest {

    @Test
    void parsesTheEqualsForm() {
        PveApiTokenHeader h = PveApiTokenHeader.parse("PVEAPIToken=root@opsuite!ci=opsk_abc-DEF_123")
                .orElseThrow();
        assertEquals("root", h.user());
        assertEquals("opsuite", h.realm());
        assertEquals("ci", h.tokenName());
        assertEquals("opsk_abc-DEF_123", h.secret());
        assertEquals("root@opsuite!ci", h.tokenId());
        assertTrue(h.isOpsuiteRealm());
    }

    @Test
    void parsesTheSpaceForm() {
        PveApiTokenHeader h = PveApiTokenHeader.parse("PVEAPIToken alice@pam!tf=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
                .orElseThrow();
        assertEquals("alice", h.user());
        assertEquals("pam", h.realm());
        assertEquals("tf", h.tokenName());
        assertEquals("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", h.secret());
    }

    @Test
    void rejectsOtherSchemesAndBrokenValues() {
        assertTrue(PveApiTokenHeader.parse("Bearer abc").isEmpty());
        assertTrue(PveApiTokenHeader.parse("PVEAPIToken=root@opsuite=secret").isEmpty());
        assertTrue(PveApiTokenHeader.parse("PVEAPIToken=root!ci=secret").isEmpty());
        assertTrue(PveApiTokenHeader.parse(null).isEmpty());
    }
}
