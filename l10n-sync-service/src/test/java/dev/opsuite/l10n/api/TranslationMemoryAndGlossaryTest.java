package dev.opsuite.l10n.api;

import static dev.opsuite.l10n.support.Api.entry;
import static dev.opsuite.l10n.support.Api.importFile;
import static dev.opsuite.l10n.support.Api.operator;
import static dev.opsuite.l10n.support.Api.unique;
import static dev.opsuite.l10n.support.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.l10n.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TranslationMemoryAndGlossaryTest {

    private static String locale() {
        return "t" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_zz";
    }

    @Test
    void suggestsExactMatchesFromOtherModsThenFuzzyOnesAndAutofillsOnImport() {
        String locale = locale();
        // mod A: translated and reviewed
        String modA = Api.createMod(unique("tma").replace('-', '_'));
        String enA = Api.createFile(modA, "en_us");
        String trA = Api.createFile(modA, locale);
        importFile(enA, "{\"item.a.ingot\":\"Brass Ingot\",\"item.a.sheet\":\"Brass Sheet\"}", null)
                .then()
                .statusCode(200);
        importFile(trA, "{\"item.a.ingot\":\"黄铜锭\",\"item.a.sheet\":\"黄铜板\"}", "as=translation")
                .then()
                .statusCode(200);
        // mod B: the same and similar source texts, untranslated; its source import auto-fills exact matches
        String modB = Api.createMod(unique("tmb").replace('-', '_'));
        String enB = Api.createFile(modB, "en_us");
        String trB = Api.createFile(modB, locale);
        importFile(enB, "{\"item.b.ingot\":\"Brass Ingot\",\"item.b.sheets\":\"Brass Sheets\"}", "autofill=true")
                .then()
                .statusCode(200)
                .body("autofilled", equalTo(1));
        Map<String, Object> filled = entry(trB, "item.b.ingot");
        assertEquals("黄铜锭", filled.get("dst_text"));
        assertEquals("suggested", filled.get("status"));
        Map<String, Object> open = entry(trB, "item.b.sheets");
        assertNull(open.get("dst_text"));
        assertEquals("new", open.get("status"));
        JsonPath s = viewer().get("/api/v6/translations/" + open.get("uid") + "/suggestions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(), s.getList("exact"));
        assertEquals("Brass Sheet", s.getString("fuzzy[0].src_text"));
        assertEquals("黄铜板", s.getString("fuzzy[0].dst_text"));
        assertTrue(s.getDouble("fuzzy[0].score") > 0.5 && s.getDouble("fuzzy[0].score") < 1);
        JsonPath exact = viewer().get("/api/v6/translations/" + filled.get("uid") + "/suggestions")
                .jsonPath();
        assertEquals("黄铜锭", exact.getString("exact[0].dst_text"));
        assertEquals(modA, exact.getString("exact[0].sources[0].carrier_uid"));
    }

    @Test
    void glossaryAndConsistencyChecksFlagDeviatingTranslations() {
        String locale = locale();
        operator()
                .contentType("application/json")
                .body(Map.of("locale", locale, "term", "Creeper", "translation", "苦力怕", "note", "official name"))
                .post("/api/v6/glossary")
                .then()
                .statusCode(201);
        viewer().queryParam("locale", locale).get("/api/v6/glossary").then().body("total", equalTo(1));
        String pack = operator()
                .contentType("application/json")
                .body(Map.of("platform", "custom", "slug", unique("cons"), "title", "Consistency pack"))
                .post("/api/v6/packs")
                .path("uid");
        String modA = Api.createMod(unique("ca").replace('-', '_'));
        String modB = Api.createMod(unique("cb").replace('-', '_'));
        operator()
                .contentType("application/json")
                .body(Map.of(
                        "pack_uid", pack, "mc_version", "1.20.1", "loader", "forge", "mod_uids", List.of(modA, modB)))
                .post("/api/v6/pack-versions")
                .then()
                .statusCode(201);
        String fa = Api.createFile(modA, locale);
        String fb = Api.createFile(modB, locale);
        importFile(Api.createFile(modA, "en_us"), "{\"a.creeper\":\"A Creeper\"}", null)
                .then()
                .statusCode(200);
        importFile(Api.createFile(modB, "en_us"), "{\"b.creeper\":\"A Creeper\"}", null)
                .then()
                .statusCode(200);
        importFile(fa, "{\"a.creeper\":\"一只苦力怕\"}", "as=translation").then().statusCode(200);
        Map<String, Object> b = entry(fb, "b.creeper");
        String etag = viewer().get("/api/v6/translations/" + b.get("uid")).header("ETag");
        JsonPath put = operator()
                .contentType("application/json")
                .header("If-Match", etag)
                .body(Map.of("dst_text", "一只爬行者", "status", "reviewed"))
                .put("/api/v6/translations/" + b.get("uid"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("warn", put.getString("qa_flags.glossary_check"));
        assertEquals("苦力怕", put.getString("qa_flags.details.glossary_check.violations[0].expected"));
        assertEquals("warn", put.getString("qa_flags.consistency_check"));
        assertEquals(List.of("一只苦力怕"), put.getList("qa_flags.details.consistency_check.other_translations"));
    }
}
