package dev.opsuite.common.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "req_0123", "a.b_c:d-e", "550e8400-e29b-41d4-a716-446655440000", "X"})
    void acceptsSaneIds(String id) {
        assertTrue(RequestIds.isAcceptable(id));
        assertEquals(id, RequestIds.acceptOrGenerate(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "semi;colon", "<script>", "new\nline", "ümlaut", "a/b"})
    void rejectsInsaneIds(String id) {
        assertFalse(RequestIds.isAcceptable(id));
        assertTrue(RequestIds.acceptOrGenerate(id).matches("req_[0-9a-f]{32}"));
    }

    @Test
    void rejectsOverlongIdsButAccepts128() {
        assertTrue(RequestIds.isAcceptable("a".repeat(128)));
        assertFalse(RequestIds.isAcceptable("a".repeat(129)));
        assertFalse(RequestIds.isAcceptable(null));
    }

    @Test
    void generatesDistinctIds() {
        assertNotEquals(RequestIds.generate(), RequestIds.generate());
    }
}
