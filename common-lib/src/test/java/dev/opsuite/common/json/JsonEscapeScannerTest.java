package dev.opsuite.common.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonEscapeScannerTest {
    private static final ObjectMapper STRICT = StrictJsonCustomizer.apply(new ObjectMapper());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"\\u0000\"",
                "{\"a\":\"x\\u0000\"}",
                "[\"\\ud800\"]",
                "\"\\uDBFF\"",
                "\"\\udc00\"",
                "\"\\ud800\\n\"",
                "\"\\ud800\\ud800\"",
                "{\"\\u0000key\":1}",
                "\"\\\\\\u0000\""
            })
    void refuses(String json) {
        assertThrows(UnstorableJsonTextException.class, () -> STRICT.readTree(json));
        assertThrows(UnstorableJsonTextException.class, () -> STRICT.readTree(json.getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                UnstorableJsonTextException.class,
                () -> STRICT.readTree(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"\\\\u0000\"",
                "\"\\\\\\\\u0000\"",
                "\"\\ud83d\\ude00\"",
                "\"\\uD83D\\uDE00\"",
                "\"\\u00e9\\u4f60\"",
                "\"plain \\\" quote\"",
                "{\"a\":[1,2,{\"b\":\"\\u0041\"}]}"
            })
    void accepts(String json) {
        assertDoesNotThrow(() -> STRICT.readTree(json));
        assertDoesNotThrow(() -> STRICT.readTree(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "{\"name\":\"a\\u0000\"}                       | name",
                "{\"k\":\"v\",\"m\":\"\\u0000\"}                 | m",
                "{\"a\":{\"b\":[\"x\",\"\\u0000\"]}}              | b",
                "{\"\\u0000key\":1}                               | NULL",
                "[\"\\u0000\"]                                    | NULL",
                "{\"esc\\\"aped\":\"\\ud800\"}                    | esc\"aped"
            })
    void namesTheMemberTheTextBelongsTo(String json, String member) {
        UnstorableJsonTextException e = assertThrows(UnstorableJsonTextException.class, () -> STRICT.readTree(json));
        assertEquals(member, e.member());
    }
}
