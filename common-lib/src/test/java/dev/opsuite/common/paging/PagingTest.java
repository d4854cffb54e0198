package dev.opsuite.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void clampsLimits() {
        assertEquals(50, Limits.clamp(null));
        // a limit below 1 is a client bug, refused (it used to become 1 silently)
        assertEquals(
                400, assertThrows(ApiException.class, () -> Limits.clamp(0)).status());
        assertEquals(
                400, assertThrows(ApiException.class, () -> Limits.clamp(-5)).status());
        assertEquals(100, Limits.clamp(10_000));
        assertEquals(20, Limits.clamp(20));
        assertEquals(10, Limits.clamp(null, 10, 30));
    }

    @Test
    void rejectsNegativeOffsetAndPageBelowOne() {
        assertEquals(
                400, assertThrows(ApiException.class, () -> Limits.offset(-1)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> Limits.page(0)).status());
        assertEquals(0, Limits.offset(null));
    }

    @Test
    void pageRequestsTranslateToOffsets() {
        PageRequest p = PageRequest.ofPage(3, 20);
        assertEquals(40, p.offset());
        assertEquals(20, p.limit());
        assertEquals(3, p.page());
        assertEquals(new PageRequest(5, 100), PageRequest.ofOffset(5, 1000));
    }

    @Test
    void offsetPageSerialisesTotalsAndPages() throws Exception {
        OffsetPage<String> page = OffsetPage.of(List.of("a", "b"), 5, PageRequest.ofPage(2, 2));
        assertEquals(
                "{\"items\":[\"a\",\"b\"],\"total\":5,\"offset\":2,\"limit\":2,\"page\":2,\"total_pages\":3,\"has_more\":true}",
                new ObjectMapper().writeValueAsString(page));
    }

    @Test
    void cursorRoundTripsOpaquely() {
        String cursor = Cursor.encode("2026-01-01T00:00:00Z", "dep_42");
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"));
        assertEquals(List.of("2026-01-01T00:00:00Z", "dep_42"), Cursor.decode(cursor, 2));
        assertEquals(List.of(), Cursor.decode(null, 2));
    }

    @Test
    void malformedCursorIs400InvalidCursor() {
        for (String bad : new String[] {"%%%", "bm90IG91cnM", Cursor.encode("only-one"), "a".repeat(2000)}) {
            ApiException e = assertThrows(ApiException.class, () -> Cursor.decode(bad, 2));
            assertEquals(400, e.status());
            assertEquals("invalid_cursor", e.code());
        }
    }

    @Test
    void cursorPageFromLookahead() throws Exception {
        CursorPage<Integer> more = CursorPage.fromLookahead(List.of(1, 2, 3), 2, i -> Cursor.encode(i.toString()));
        assertEquals(List.of(1, 2), more.items());
        assertTrue(more.hasMore());
        assertEquals(List.of("2"), Cursor.decode(more.nextCursor(), 1));
        CursorPage<Integer> last = CursorPage.fromLookahead(List.of(1, 2), 2, i -> Cursor.encode(i.toString()));
        assertFalse(last.hasMore());
        assertNull(last.nextCursor());
        assertEquals(
                "{\"items\":[1,2],\"next_cursor\":null,\"has_more\":false}",
                new ObjectMapper().writeValueAsString(last));
    }
}
