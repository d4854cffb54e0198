package dev.opsuite.l10n.api;

import static dev.opsuite.l10n.support.Api.operator;
import static dev.opsuite.l10n.support.Api.unique;
import static dev.opsuite.l10n.support.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.l10n.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatisticsAndCacheTest {

    private static JsonPath stats() {
        return viewer().get("/api/v6/database/statistics?fresh=true")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void figuresMoveWhenTheDataChanges() {
        JsonPath before = stats();
        String mod = Api.createMod(unique("stats").replace('-', '_'));
        String file = Api.createFile(mod, "zh_cn");
        // 4 keys, one repeated, one placeholder dropped, one empty
        Api.importFile(file, "{\"s.a\":\"%s 和\",\"s.b\":\"\",\"s.c\":\"c\",\"s.c\":\"c2\"}", "as=translation")
                .then()
                .statusCode(200);
        JsonPath after = stats();
        assertEquals(before.getLong("entities.mods") + 1, after.getLong("entities.mods"));
        assertEquals(before.getLong("entities.language_files") + 1, after.getLong("entities.language_files"));
        assertEquals(before.getLong("entities.translation_entries") + 3, after.getLong("entities.translation_entries"));
        assertEquals(before.getLong("qa.translated_entries") + 3, after.getLong("qa.translated_entries"));
        assertTrue(after.getDouble("qa.duplicate_key_rate") > 0);
        assertTrue(after.getDouble("database.size_mb") > 0);
        double hit = after.getDouble("database.cache_hit_ratio");
        assertTrue(hit > 0 && hit <= 1, "cache hit ratio from pg_stat_database: " + hit);
        // PostgreSQL's cumulative statistics reach pg_stat_database up to a second after the commits (each
        // backend flushes its counters at most once a second), so wait for them instead of reading once
        long committedBefore = before.getLong("database.transactions_committed");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stats().getLong("database.transactions_committed") <= committedBefore && System.nanoTime() < deadline) {
            sleep(200);
        }
        assertTrue(stats().getLong("database.transactions_committed") > committedBefore);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCacheServesRepeatedExportPagesAndCountsHits() {
        String mod = Api.createMod(unique("cache").replace('-', '_'));
        String locale = "c" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_zz";
        String file = Api.createFile(mod, locale);
        Api.importFile(file, "{\"k.one\":\"一\",\"k.two\":\"二\"}", "as=translation")
                .then()
                .statusCode(200);
        long hits = viewer().get("/api/v6/cache/status").jsonPath().getLong("kinds.export_page.hits");
        operator()
                .contentType("application/json")
                .body(Map.of("carrier_types", List.of("mod"), "locales", List.of(locale)))
                .post("/api/v6/cache/warmup")
                .then()
                .statusCode(200)
                .body("export_pages[0].rows", equalTo(2));
        String first = viewer().get("/api/v6/export/ndjson?locale=" + locale + "&carrier=mod&limit=1000")
                .asString();
        String second = viewer().get("/api/v6/export/ndjson?locale=" + locale + "&carrier=mod&limit=1000")
                .asString();
        assertEquals(first, second);
        assertEquals(2, first.lines().count());
        assertTrue(viewer().get("/api/v6/cache/status").jsonPath().getLong("kinds.export_page.hits") >= hits + 2);
        // a change moves the revision: the next export is fresh, not the cached page
        String uid = (String) Api.entry(file, "k.one").get("uid");
        String etag = viewer().get("/api/v6/translations/" + uid).header("ETag");
        operator()
                .contentType("application/json")
                .header("If-Match", etag)
                .body(Map.of("dst_text", "壹"))
                .put("/api/v6/translations/" + uid)
                .then()
                .statusCode(200);
        assertTrue(viewer().get("/api/v6/export/ndjson?locale=" + locale + "&carrier=mod&limit=1000")
                .asString()
                .contains("壹"));
        operator().post("/api/v6/cache/cleanup").then().statusCode(200);
    }

    @Test
    void settingsAreValidatedKnownKeysWithDefaults() {
        viewer().get("/api/v6/settings")
                .then()
                .statusCode(200)
                .body("find { it.key == 'chunk_size_mb' }.default_value", equalTo(2));
        Api.admin()
                .contentType("application/json")
                .body(Map.of("value", "two"))
                .put("/api/v6/settings/chunk_size_mb")
                .then()
                .statusCode(400);
        Api.admin()
                .contentType("application/json")
                .body(Map.of("value", 65))
                .put("/api/v6/settings/chunk_size_mb")
                .then()
                .statusCode(400);
        Api.admin()
                .contentType("application/json")
                .body(Map.of("value", 3))
                .put("/api/v6/settings/nope")
                .then()
                .statusCode(404);
        operator()
                .contentType("application/json")
                .body(Map.of("value", 3))
                .put("/api/v6/settings/chunk_size_mb")
                .then()
                .statusCode(403);
        Api.admin()
                .contentType("application/json")
                .body(Map.of("value", 3))
                .put("/api/v6/settings/sync_interval_seconds")
                .then()
                .statusCode(400);
        Api.admin()
                .contentType("application/json")
                .body(Map.of("value", 600))
                .put("/api/v6/settings/sync_interval_seconds")
                .then()
                .statusCode(200)
                .body("value", equalTo(600))
                .body("is_default", equalTo(false));
        viewer().get("/api/v6/settings/sync_interval_seconds").then().body("value", equalTo(600));
    }
}
