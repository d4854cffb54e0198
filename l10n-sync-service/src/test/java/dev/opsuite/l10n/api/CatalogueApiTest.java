package dev.opsuite.l10n.api;

import static dev.opsuite.l10n.support.Api.operator;
import static dev.opsuite.l10n.support.Api.unique;
import static dev.opsuite.l10n.support.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.l10n.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogueApiTest {

    private static Map<String, Object> pack(String slug) {
        return Map.of(
                "platform",
                "modrinth",
                "slug",
                slug,
                "title",
                "Pack " + slug,
                "author",
                "Player",
                "homepage",
                "https://example.com/" + slug);
    }

    @Test
    void createsAPackWithPrefixedUidStrongEtagAndReadsItBack() {
        String slug = unique("pack");
        Response created =
                operator().contentType(ContentType.JSON).body(pack(slug)).post("/api/v6/packs");
        created.then()
                .statusCode(201)
                .body("uid", startsWith("pack_"))
                .body("slug", equalTo(slug))
                .body("version", equalTo(1));
        assertEquals("\"1\"", created.header("ETag"));
        String uid = created.path("uid");
        viewer().get("/api/v6/packs/" + uid)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("title", equalTo("Pack " + slug))
                .body("author", equalTo("Player"));
        operator()
                .contentType(ContentType.JSON)
                .body(pack(slug))
                .post("/api/v6/packs")
                .then()
                .statusCode(409)
                .body("error", equalTo("already_exists"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void updateNeedsIfMatchAndRefusesAStaleVersionWith412() {
        String uid = operator()
                .contentType(ContentType.JSON)
                .body(pack(unique("upd")))
                .post("/api/v6/packs")
                .path("uid");
        Map<String, Object> change = Map.of("platform", "curseforge", "slug", unique("upd2"), "title", "Renamed");
        operator()
                .contentType(ContentType.JSON)
                .body(change)
                .put("/api/v6/packs/" + uid)
                .then()
                .statusCode(428)
                .body("error", equalTo("precondition_required"));
        operator()
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(change)
                .put("/api/v6/packs/" + uid)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("title", equalTo("Renamed"))
                .body("version", equalTo(2));
        operator()
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(change)
                .put("/api/v6/packs/" + uid)
                .then()
                .statusCode(412)
                .body("error", equalTo("precondition_failed"))
                .body("details.current_version", equalTo(2))
                .header("ETag", "\"2\"");
        operator()
                .header("If-Match", "\"1\"")
                .delete("/api/v6/packs/" + uid)
                .then()
                .statusCode(412);
        operator()
                .header("If-Match", "\"2\"")
                .delete("/api/v6/packs/" + uid)
                .then()
                .statusCode(204);
        viewer().get("/api/v6/packs/" + uid).then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void pagesByOffsetAndByCursorWithoutGapsOrRepeats() {
        String prefix = unique("pg");
        for (int i = 0; i < 5; i++) {
            operator()
                    .contentType(ContentType.JSON)
                    .body(Map.of("modid", prefix.replace('-', '_') + "_" + i, "name", "M" + i))
                    .post("/api/v6/mods")
                    .then()
                    .statusCode(201);
        }
        String search = prefix.replace('-', '_');
        Response first =
                viewer().queryParam("search", search).queryParam("limit", 2).get("/api/v6/mods");
        first.then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("total", equalTo(5))
                .body("next", notNullValue());
        Set<String> seen = new HashSet<>(first.jsonPath().getList("items.uid"));
        String next = first.path("next");
        Response second = viewer().queryParam("search", search)
                .queryParam("limit", 2)
                .queryParam("after", next)
                .get("/api/v6/mods");
        seen.addAll(second.jsonPath().getList("items.uid"));
        Response third = viewer().queryParam("search", search)
                .queryParam("limit", 2)
                .queryParam("after", (String) second.path("next"))
                .get("/api/v6/mods");
        third.then().body("items", hasSize(1)).body("next", nullValue());
        seen.addAll(third.jsonPath().getList("items.uid"));
        assertEquals(5, seen.size());
        List<String> byOffset = viewer().queryParam("search", search)
                .queryParam("limit", 2)
                .queryParam("offset", 2)
                .get("/api/v6/mods")
                .jsonPath()
                .getList("items.uid");
        assertEquals(second.jsonPath().getList("items.uid"), byOffset);
        // a raw uid works as a cursor too
        String lastOfFirst = first.jsonPath().getString("items[1].uid");
        assertEquals(
                byOffset,
                viewer().queryParam("search", search)
                        .queryParam("limit", 2)
                        .queryParam("after", lastOfFirst)
                        .get("/api/v6/mods")
                        .jsonPath()
                        .getList("items.uid"));
    }

    @Test
    void rejectsAnInvalidLocaleWithTheSeedsExampleError() {
        String mod = Api.createMod(unique("loc").replace('-', '_'));
        Response r = operator()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "carrier_type",
                        "mod",
                        "carrier_uid",
                        mod,
                        "locale",
                        "zh-CN",
                        "rel_path",
                        "a/zh_cn.json",
                        "format",
                        "json"))
                .post("/api/v6/language-files");
        r.then()
                .statusCode(400)
                .body("error", equalTo("validation_failed"))
                .body("message", equalTo("Invalid locale format"))
                .body("details.field", equalTo("locale"))
                .body("details.expected", equalTo("lowercase_underscore"))
                .body("details.received", equalTo("zh-CN"))
                .body("request_id", notNullValue());
        assertEquals(r.path("request_id"), r.header("X-Request-Id"));
        viewer().queryParam("locale", "zh-CN")
                .get("/api/v6/language-files")
                .then()
                .statusCode(400)
                .body("details.received", equalTo("zh-CN"));
        // real codes with digits and without underscore are fine
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "carrier_type",
                        "mod",
                        "carrier_uid",
                        mod,
                        "locale",
                        "enws",
                        "rel_path",
                        "a/enws.json",
                        "format",
                        "json"))
                .post("/api/v6/language-files")
                .then()
                .statusCode(201)
                .body("uid", startsWith("file_"));
    }

    @Test
    void strictJsonAndQueryParametersAreA400NeverCoercedOr404() {
        operator()
                .contentType(ContentType.JSON)
                .body("{\"modid\":\"a_b\",\"name\":123}")
                .post("/api/v6/mods")
                .then()
                .statusCode(400)
                .body("error", equalTo("malformed_json"));
        operator()
                .contentType(ContentType.JSON)
                .body("{\"modid\":\"dup_a\",\"modid\":\"dup_b\",\"name\":\"x\"}")
                .post("/api/v6/mods")
                .then()
                .statusCode(400);
        // text PostgreSQL cannot store is refused while the body is parsed (common-lib's strict JSON),
        // before any field is bound: a 400 malformed_json saying what is wrong
        operator()
                .contentType(ContentType.JSON)
                .body("{\"modid\":\"nul_a\",\"name\":\"a\\u0000b\"}")
                .post("/api/v6/mods")
                .then()
                .statusCode(400)
                .body("error", equalTo("malformed_json"))
                .body("details.name", equalTo("contains U+0000 (NUL), which cannot be stored"));
        operator()
                .contentType(ContentType.JSON)
                .body("{\"modid\":\"sur_a\",\"name\":\"a\\ud800b\"}")
                .post("/api/v6/mods")
                .then()
                .statusCode(400)
                .body("error", equalTo("malformed_json"))
                .body("details.name", equalTo("contains an unpaired UTF-16 surrogate"));
        viewer().get("/api/v6/mods?search=nul_a").then().statusCode(200).body("total", equalTo(0));
        operator()
                .contentType(ContentType.JSON)
                .body("{\"modid\":\"unk_a\",\"name\":\"a\",\"bogus\":1}")
                .post("/api/v6/mods")
                .then()
                .statusCode(400);
        viewer().queryParam("limit", "abc")
                .get("/api/v6/mods")
                .then()
                .statusCode(400)
                .body("details.field", equalTo("limit"))
                .header("X-Request-Id", notNullValue());
        viewer().queryParam("offset", "-1").get("/api/v6/packs").then().statusCode(400);
        viewer().queryParam("after", "not-a-cursor!")
                .get("/api/v6/packs")
                .then()
                .statusCode(400);
        viewer().queryParam("platform", "steam").get("/api/v6/packs").then().statusCode(400);
    }

    @Test
    void packVersionsKeepTheirManifestAndModsAndModVersionsAreUniquePerLoaderAndVersion() {
        String packUid = operator()
                .contentType(ContentType.JSON)
                .body(pack(unique("pv")))
                .post("/api/v6/packs")
                .path("uid");
        String mod = Api.createMod(unique("pvm").replace('-', '_'));
        Response v = operator()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "pack_uid",
                        packUid,
                        "mc_version",
                        "1.20.1",
                        "loader",
                        "forge",
                        "mod_uids",
                        List.of(mod),
                        "manifest_json",
                        Map.of(
                                "minecraft",
                                Map.of("version", "1.20.1"),
                                "manifestType",
                                "minecraftModpack",
                                "files",
                                List.of())))
                .post("/api/v6/pack-versions");
        v.then()
                .statusCode(201)
                .body("uid", startsWith("packver_"))
                .body("manifest_json.manifestType", equalTo("minecraftModpack"))
                .body("manifest_hash", startsWith("b3:"))
                .body("mod_uids", equalTo(List.of(mod)));
        viewer().queryParam("pack_uid", packUid)
                .get("/api/v6/pack-versions")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of("pack_uid", "pack_nope", "mc_version", "1.20.1", "loader", "forge"))
                .post("/api/v6/pack-versions")
                .then()
                .statusCode(422)
                .body("error", equalTo("unknown_reference"));
        Map<String, Object> mv =
                Map.of("mod_uid", mod, "loader", "fabric", "mc_version", "1.20.1", "version", "0.5.1f");
        operator()
                .contentType(ContentType.JSON)
                .body(mv)
                .post("/api/v6/mod-versions")
                .then()
                .statusCode(201)
                .body("uid", startsWith("modver_"))
                .body("version", equalTo("0.5.1f"));
        operator()
                .contentType(ContentType.JSON)
                .body(mv)
                .post("/api/v6/mod-versions")
                .then()
                .statusCode(409);
        viewer().queryParam("mod_uid", mod)
                .queryParam("mc_version", "1.20.1")
                .get("/api/v6/mod-versions")
                .then()
                .body("total", equalTo(1))
                .body("items[0].loader", equalTo("fabric"));
        String v1 = viewer().get("/api/v6/mods/" + mod).header("ETag");
        operator()
                .contentType(ContentType.JSON)
                .header("If-Match", v1)
                .body(Map.of("modid", "renamed_" + mod.substring(4), "name", "N"))
                .put("/api/v6/mods/" + mod)
                .then()
                .statusCode(200)
                .body("version", equalTo(2));
        assertNotEquals(v1, viewer().get("/api/v6/mods/" + mod).header("ETag"));
        assertTrue(viewer().get("/api/v6/mods/" + mod).header("ETag").equals("\"2\""));
    }
}
