package dev.opsuite.telemetry.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-check must say "valid object" exactly when strict Jackson (no trailing tokens) reads an object. */
class StrictJsonTest {
    private static final ObjectMapper STRICT =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final List<String> CASES = List.of(
            "{}",
            " { } ",
            "{\"a\":1}",
            "{\"a\":-0.5e+3,\"b\":[1,2,{\"c\":null}],\"d\":true,\"e\":false}",
            "{\"a\":\"x\\\"y\\\\z\\/\\b\\f\\n\\r\\t\\u00e9\"}",
            "{\"a\":\"ünïcödé ✓\"}",
            "\n{\"a\":[]}\n",
            "{\"random_id\":\"r\",\"disk_size\":8G}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":.5}",
            "{\"a\":-}",
            "{\"a\":1e}",
            "{\"a\":\"x\ny\"}",
            "{\"a\":\"\\x41\"}",
            "{\"a\":\"\\q\"}",
            "{\"a\":\"\\u12G4\"}",
            "{\"a\":\"open}",
            "{\"a\":1,}",
            "{,}",
            "{\"a\" 1}",
            "{a:1}",
            "{'a':1}",
            "{\"a\":1} x",
            "{\"a\":1}}",
            "[1,2]",
            "\"s\"",
            "1",
            "{\"a\":tru}",
            "{\"a\":nulls}",
            "{\"a\":[1 2]}",
            "{\"a\":[1,]}",
            "",
            "   ",
            "{\"a\":NaN}",
            "{\"a\":1}\u0000",
            "{\"error\": \"bash: \"x\": not found\"}",
            "{\"a\":{\"b\":{\"c\":{}}}}",
            "{\"a\":\"\"}",
            "{\"\":0}");

    @Test
    void agreesWithStrictJacksonOnEveryCase() {
        for (String text : CASES) {
            assertEquals(jacksonReadsObject(text), StrictJson.isObject(text), () -> "for " + text);
        }
    }

    @Test
    void refusesNestingDeeperThanItsLimitInsteadOfOverflowingTheStack() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertEquals(false, StrictJson.isObject(deep));
    }

    private static boolean jacksonReadsObject(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            return node != null && node.isObject();
        } catch (Exception e) {
            return false;
        }
    }
}
