package dev.opsuite.l10n.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.l10n.domain.EntryContent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreeWayMergeTest {
    static final EntryContent BASE = new EntryContent("f", "k", "Stone", "石", "mt");

    static EntryDelta delta(String dst, String status) {
        return new EntryDelta(null, "f", "k", 1L, false, null, dst != null, dst, status, "2025-09-10T12:00:00Z");
    }

    @Test
    void nonOverlappingChangesMerge() {
        EntryContent server = new EntryContent("f", "k", "Stone", "石", "reviewed"); // server reviewed it
        ThreeWayMerge.Outcome o = ThreeWayMerge.merge(BASE, server, delta("石头", null), "mark_for_review", 1, 2);
        assertNull(o.conflict());
        assertTrue(o.merged());
        assertEquals("石头", o.content().dstText());
        assertEquals("reviewed", o.content().status());
    }

    @Test
    void overlappingChangesFollowTheResolution() {
        EntryContent server = new EntryContent("f", "k", "Stone", "岩石", "mt");
        ThreeWayMerge.Outcome review = ThreeWayMerge.merge(BASE, server, delta("石头", null), "mark_for_review", 1, 2);
        assertEquals("conflict", review.content().status());
        assertEquals("岩石", review.content().dstText());
        @SuppressWarnings("unchecked")
        Map<String, Object> field =
                (Map<String, Object>) ((Map<String, Object>) review.conflict().get("fields")).get("dst_text");
        assertEquals(Map.of("base", "石", "local", "岩石", "remote", "石头"), field);
        assertEquals(
                "石头",
                ThreeWayMerge.merge(BASE, server, delta("石头", null), "take_remote", 1, 2)
                        .content()
                        .dstText());
        ThreeWayMerge.Outcome local = ThreeWayMerge.merge(BASE, server, delta("石头", null), "take_local", 1, 2);
        assertEquals("岩石", local.content().dstText());
        assertEquals("mt", local.content().status());
        assertNotNull(local.conflict());
    }

    @Test
    void theSameChangeOnBothSidesIsNoConflict() {
        EntryContent server = new EntryContent("f", "k", "Stone", "石头", "mt");
        ThreeWayMerge.Outcome o = ThreeWayMerge.merge(BASE, server, delta("石头", null), "mark_for_review", 1, 2);
        assertNull(o.conflict());
        assertEquals("石头", o.content().dstText());
    }
}
