package dev.opsuite.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void keepsAValidIncomingTraceparentWhenNoSpanIsActive() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertEquals(incoming, TraceParent.forUpstream(incoming));
    }

    @Test
    void startsAFreshTraceForMissingOrInvalidOnes() {
        String fresh = TraceParent.forUpstream("00-00000000000000000000000000000000-00f067aa0ba902b7-01");
        assertTrue(TraceParent.isValid(fresh), fresh);
        assertNotEquals(fresh, TraceParent.forUpstream(null));
        assertFalse(TraceParent.isValid("garbage"));
    }
}
