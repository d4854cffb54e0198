package dev.opsuite.l10n.api;

import static dev.opsuite.l10n.support.Api.entry;
import static dev.opsuite.l10n.support.Api.importFile;
import static dev.opsuite.l10n.support.Api.operator;
import static dev.opsuite.l10n.support.Api.unique;
import static dev.opsuite.l10n.support.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.l10n.support.Api;
import dev.opsuite.l10n.support.MinecraftData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TranslationApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Fixture(String mod, String en, String zh) {}

    static Fixture vanilla() throws Exception {
        String mod = Api.createMod(unique("minecraft").replace('-', '_'));
        String en = Api.createFile(mod, "en_us");
        String zh = Api.createFile(mod, "zh_cn");
        String raw = MinecraftData.raw("1.21.8");
        importFile(en, raw, null).then().statusCode(200).body("as", equalTo("source"));
        Map<String, String> zhTexts = MinecraftData.pseudoLocale(MinecraftData.enUs("1.21.8"));
        importFile(zh, JSON.writeValueAsString(zhTexts), "as=translation")
                .then()
                .statusCode(200);
        return new Fixture(mod, en, zh);
    }

    @Test
    void importsVanillaEnUsAndAGeneratedSecondLocaleWithQaOnEveryEntry() throws Exception {
        Map<String, String> en = MinecraftData.enUs("1.21.8");
        Fixture f = vanilla();
        viewer().queryParam("language_file_uid", f.en())
                .queryParam("limit", 1)
                .get("/api/v6/translations")
                .then()
                .statusCode(200)
                .body("total", equalTo(en.size()));
        viewer().queryParam("language_file_uid", f.zh())
                .queryParam("limit", 1)
                .get("/api/v6/translations")
                .then()
                .body("total", equalTo(en.size()));
        // a real key with two placeholders, reordered by the generated translation: still a pass
        String key = en.entrySet().stream()
                .filter(e -> e.getValue().chars().filter(c -> c == '%').count() == 2
                        && e.getValue().contains("%s")
                        && !e.getValue().contains("$"))
                .findFirst()
                .orElseThrow()
                .getKey();
        Map<String, Object> zh = entry(f.zh(), key);
        assertEquals(en.get(key), zh.get("src_text"));
        assertTrue(((String) zh.get("dst_text")).contains("%2$s"), zh.toString());
        assertEquals("pass", ((Map<?, ?>) zh.get("qa_flags")).get("placeholder_check"));
        assertEquals("pass", ((Map<?, ?>) zh.get("qa_flags")).get("length_check"));
        assertEquals("reviewed", zh.get("status"));
        assertTrue(((String) zh.get("cid")).matches("b3:[0-9a-f]{64}"));
    }

    @Test
    void putNeedsIfMatchRefusesStaleVersionsAndChangesTheCid() throws Exception {
        Fixture f = small(Map.of("block.minecraft.stone", "Stone", "chat.type.text", "<%s> %s"));
        Map<String, Object> e = entry(f.zh(), "chat.type.text");
        String uid = (String) e.get("uid");
        Response got = viewer().get("/api/v6/translations/" + uid);
        String etag = got.header("ETag");
        assertEquals("\"" + e.get("version") + "\"", etag);
        Map<String, Object> body = Map.of("dst_text", "<%1$s> %2$s", "status", "reviewed");
        operator()
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v6/translations/" + uid)
                .then()
                .statusCode(428)
                .body("error", equalTo("precondition_required"));
        Response ok = operator()
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body(body)
                .put("/api/v6/translations/" + uid);
        ok.then()
                .statusCode(200)
                .body("dst_text", equalTo("<%1$s> %2$s"))
                .body("qa_flags.placeholder_check", equalTo("pass"));
        assertNotEquals(e.get("cid"), ok.path("cid"));
        assertEquals("\"" + ok.path("version") + "\"", ok.header("ETag"));
        operator()
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body(Map.of("dst_text", "x"))
                .put("/api/v6/translations/" + uid)
                .then()
                .statusCode(412)
                .body("details.current_version", equalTo((Integer) ok.path("version")));
        // a dropped placeholder fails QA and says which index is missing
        operator()
                .contentType(ContentType.JSON)
                .header("If-Match", ok.header("ETag"))
                .body(Map.of("dst_text", "<%1$s>"))
                .put("/api/v6/translations/" + uid)
                .then()
                .statusCode(200)
                .body("qa_flags.placeholder_check", equalTo("fail"))
                .body("qa_flags.details.placeholder_check.missing", equalTo(List.of(2)));
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerWithinTheWindow() throws Exception {
        Fixture f = small(Map.of("item.minecraft.apple", "Apple"));
        Map<String, Object> e = entry(f.zh(), "item.minecraft.apple");
        String uid = (String) e.get("uid");
        String key = unique("update");
        String etag = "\"" + e.get("version") + "\"";
        Response first = operator()
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .header("X-Idempotency-Key", key)
                .body(Map.of("dst_text", "苹果", "status", "reviewed"))
                .put("/api/v6/translations/" + uid);
        first.then().statusCode(200);
        Response again = operator()
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .header("X-Idempotency-Key", key)
                .body(Map.of("dst_text", "苹果", "status", "reviewed"))
                .put("/api/v6/translations/" + uid);
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.path("version").toString(), again.path("version").toString());
        assertEquals(
                first.path("version").toString(),
                viewer().get("/api/v6/translations/" + uid).path("version").toString());
        operator()
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .header("X-Idempotency-Key", key)
                .body(Map.of("dst_text", "梨"))
                .put("/api/v6/translations/" + uid)
                .then()
                .statusCode(422)
                .body("error", equalTo("idempotency_key_reused"));
    }

    @Test
    void batchStreamsOneResultPerLineWithConflictsAs409() throws Exception {
        Fixture f = small(Map.of("a.one", "One", "a.two", "Two", "a.three", "Three"));
        Map<String, Object> one = entry(f.zh(), "a.one");
        Map<String, Object> two = entry(f.zh(), "a.two");
        String ndjson = "{\"entry_uid\":\"" + one.get("uid") + "\",\"dst_text\":\"一\",\"status\":\"reviewed\"}\n"
                + "{\"entry_uid\":\"" + two.get("uid")
                + "\",\"dst_text\":\"二\",\"status\":\"reviewed\",\"base_version\":99}\n"
                + "{\"entry_uid\":\"entry_missing\",\"dst_text\":\"x\",\"status\":\"reviewed\"}\n"
                + "not json\n"
                + "{\"entry_uid\":\"" + two.get("uid")
                + "\",\"dst_text\":\"二\u2028行\",\"status\":\"mt\",\"base_version\":\"v"
                + two.get("version") + "\"}\n";
        Response r = operator()
                .contentType("application/x-ndjson")
                .body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v6/translations/batch");
        r.then().statusCode(200);
        List<JsonNode> lines = r.asString()
                .lines()
                .filter(l -> !l.isBlank())
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (Exception ex) {
                        throw new AssertionError(l, ex);
                    }
                })
                .toList();
        assertEquals(5, lines.size(), r.asString());
        assertEquals(200, lines.get(0).get("status").asInt());
        assertEquals(409, lines.get(1).get("status").asInt());
        assertEquals(
                two.get("version").toString(),
                lines.get(1).get("current_version").asText());
        assertEquals(404, lines.get(2).get("status").asInt());
        assertEquals(400, lines.get(3).get("status").asInt());
        assertEquals(200, lines.get(4).get("status").asInt());
        assertEquals("二\u2028行", entry(f.zh(), "a.two").get("dst_text"));
        assertEquals("一", entry(f.zh(), "a.one").get("dst_text"));
    }

    @Test
    void aChangedSourceTextMakesReviewedTranslationsOutdatedAndKeepsTheirText() throws Exception {
        Fixture f = small(Map.of("menu.play", "Play", "menu.quit", "Quit"));
        assertEquals("reviewed", entry(f.zh(), "menu.play").get("status"));
        Response r = importFile(f.en(), "{\"menu.play\":\"Play Game\",\"menu.quit\":\"Quit\"}", null);
        r.then().statusCode(200).body("outdated", equalTo(1));
        Map<String, Object> play = entry(f.zh(), "menu.play");
        assertEquals("outdated", play.get("status"));
        assertEquals("Play Game", play.get("src_text"));
        assertEquals(MinecraftData.pseudo("Play"), play.get("dst_text"));
        assertEquals("reviewed", entry(f.zh(), "menu.quit").get("status"));
    }

    @Test
    void importsLegacyLangFilesAndRefusesBrokenOnes() {
        String mod = Api.createMod(unique("legacy").replace('-', '_'));
        String en = Api.createFile("mod", mod, "en_us", "lang");
        String body = "# comment\r\nitem.legacy.name=Legacy %s\r\nitem.legacy.pct=100%%\r\n\r\nitem.legacy.eq=a=b\r\n";
        importFile(en, body, null)
                .then()
                .statusCode(200)
                .body("keys", equalTo(3))
                .body("created", equalTo(3));
        assertEquals("a=b", entry(en, "item.legacy.eq").get("src_text"));
        importFile(en, "no equals sign here\n", null).then().statusCode(400).body("details.line", equalTo(1));
        String json = Api.createFile(mod, "en_us");
        importFile(json, "[1,2]", null).then().statusCode(400).body("error", equalTo("validation_failed"));
        importFile(json, "{\"k\":\"a\\u0000b\"}", null).then().statusCode(400).body("details.key", equalTo("k"));
        importFile(json, "{\"k\":\"v\",\"k\":\"w\"}", null)
                .then()
                .statusCode(200)
                .body("duplicate_keys", equalTo(1));
        assertEquals("w", entry(json, "k").get("src_text"));
    }

    static Fixture small(Map<String, String> en) throws Exception {
        String mod = Api.createMod(unique("m").replace('-', '_'));
        String enFile = Api.createFile(mod, "en_us");
        String zhFile = Api.createFile(mod, "zh_cn");
        Map<String, String> ordered = new LinkedHashMap<>(en);
        importFile(enFile, JSON.writeValueAsString(ordered), null).then().statusCode(200);
        importFile(zhFile, JSON.writeValueAsString(MinecraftData.pseudoLocale(ordered)), "as=translation")
                .then()
                .statusCode(200)
                .body("language_file_uid", startsWith("file_"));
        return new Fixture(mod, enFile, zhFile);
    }
}
