package dev.opsuite.telemetry.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LenientJsonTest {

    private static Map<String, Object> parse(String body) {
        return LenientJson.parse(body, IngestFields.KNOWN)
                .orElseThrow(() -> new AssertionError("unparseable: " + body));
    }

    @Test
    void readsValidJsonStrictly() {
        Map<String, Object> m = parse("{\"random_id\":\"a1\",\"disk_size\":8,\"has_arm\":false,\"extra\":{\"x\":1}}");
        assertEquals("a1", m.get("random_id"));
        assertEquals(8, ((Number) m.get("disk_size")).intValue());
        assertEquals(false, m.get("has_arm"));
    }

    @Test
    void repairsUnescapedQuotesAndControlCharactersInsideError() {
        String body = "{\n  \"random_id\": \"r1\",\n  \"status\": \"failed\",\n"
                + "  \"error\": \"bash: line 12: \"docker\": command not found\n\tat step \"install\", retry\",\n"
                + "  \"exit_code\": 127\n}";
        Map<String, Object> m = parse(body);
        assertEquals("bash: line 12: \"docker\": command not found\n\tat step \"install\", retry", m.get("error"));
        assertEquals(127, ((Number) m.get("exit_code")).intValue());
        assertEquals("failed", m.get("status"));
    }

    @Test
    void bracketsInsideAnErrorDoNotConfuseTheRepair() {
        String body =
                "{\"some\": {\"nested\": [1, 2]},\n \"error\": \"E: \"x\" \\x1b[1mfailed\\x1b[0m\n\",\n \"payload_version\": \"3\"\n}";
        Map<String, Object> m = parse(body);
        assertEquals("E: \"x\" \u001b[1mfailed\u001b[0m\n", m.get("error"));
        assertEquals("3", m.get("payload_version"));
    }

    @Test
    void turnsHexEscapesIntoUnicodeAndDoublesInvalidBackslashes() {
        Map<String, Object> m =
                parse("{\"random_id\":\"r2\",\"error\":\"colour \\x1b[31mred\\x1b[0m in C:\\temp\\dir \\d+\"}");
        assertEquals("colour \u001b[31mred\u001b[0m in C:\temp\\dir \\d+", m.get("error"));
    }

    @Test
    void stripsUnitSuffixesAndReadsEmptyValuesAsNull() {
        Map<String, Object> m =
                parse("{\"random_id\":\"r3\",\"disk_size\": 32G,\"ram_size\": 2048MB,\"core_count\": ,\"ct_type\": 1}");
        assertEquals(32, ((Number) m.get("disk_size")).intValue());
        assertEquals(2048, ((Number) m.get("ram_size")).intValue());
        assertNull(m.get("core_count"));
        assertEquals(1, ((Number) m.get("ct_type")).intValue());
    }

    @Test
    void extractsKnownFieldsOneByOneWhenRepairIsNotEnough() {
        // an unclosed object with a stray brace and a colon where a comma belongs
        String body =
                "{\"random_id\": \"r4\", \"type\": \"lxc\" : \"nsapp\": \"jellyfin\", {\"status\": \"installing\", \"disk_size\": 8";
        Map<String, Object> m = parse(body);
        assertEquals("r4", m.get("random_id"));
        assertEquals("lxc", m.get("type"));
        assertEquals("jellyfin", m.get("nsapp"));
        assertEquals("installing", m.get("status"));
        assertEquals(8, ((Number) m.get("disk_size")).intValue());
    }

    @Test
    void nothingUsableIsEmpty() {
        assertTrue(LenientJson.parse("", IngestFields.KNOWN).isEmpty());
        assertTrue(
                LenientJson.parse("this is not json at all", IngestFields.KNOWN).isEmpty());
        assertTrue(LenientJson.parse("[1,2,3]", IngestFields.KNOWN).isEmpty());
        assertFalse(LenientJson.parse("{}", IngestFields.KNOWN).isEmpty()); // valid, but empty: field rules reject it
    }
}
