package dev.opsuite.l10n.export;

import static dev.opsuite.l10n.support.Api.operator;
import static dev.opsuite.l10n.support.Api.unique;
import static dev.opsuite.l10n.support.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import dev.opsuite.l10n.support.Api;
import dev.opsuite.l10n.support.MinecraftData;
import dev.opsuite.l10n.v6.ExportEntry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
    static String locale;
    static int entries;

    @BeforeEach
    void vanillaInAFreshLocale() throws Exception {
        if (locale != null) {
            return;
        }
        locale = "e" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_zz";
        String mod = Api.createMod(unique("export").replace('-', '_'));
        String en = Api.createFile(mod, "en_us");
        String target = Api.createFile(mod, locale);
        Map<String, String> texts = MinecraftData.enUs("1.21.8");
        Api.importFile(en, MinecraftData.raw("1.21.8"), null).then().statusCode(200);
        Api.importFile(target, JSON.writeValueAsString(MinecraftData.pseudoLocale(texts)), "as=translation")
                .then()
                .statusCode(200);
        entries = texts.size();
    }

    private static List<JsonNode> lines(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    @Test
    void streamsEveryEntryWithEtagSchemaHeaderAndRevisionOrder() throws Exception {
        Response r = viewer().get("/api/v6/export/ndjson?locale=" + locale + "&limit=100000");
        r.then().statusCode(200).header("X-TH-DB-Schema", "v6.0").contentType(equalTo("application/x-ndjson"));
        List<JsonNode> rows = lines(r.asString());
        assertEquals(entries, rows.size());
        long last = 0;
        for (JsonNode n : rows) {
            assertTrue(n.get("revision").asLong() > last);
            last = n.get("revision").asLong();
        }
        assertEquals("\"rev-" + last + "\"", r.header("ETag"));
        JsonNode first = rows.get(0);
        for (String f : List.of(
                "language_file_uid",
                "key",
                "src_text",
                "dst_text",
                "status",
                "qa_flags",
                "version",
                "cid",
                "updated_at")) {
            assertTrue(first.has(f), f);
        }
        viewer().header("If-None-Match", r.header("ETag"))
                .get("/api/v6/export/ndjson?locale=" + locale + "&limit=100000")
                .then()
                .statusCode(304);
    }

    @Test
    void keysetResumeWithSinceIdContinuesWithoutGapsOrRepeats() throws Exception {
        Set<String> keys = new HashSet<>();
        long since = 0;
        int pages = 0;
        while (true) {
            List<JsonNode> page =
                    lines(viewer().get("/api/v6/export/ndjson?locale=" + locale + "&limit=2500&since_id=" + since)
                            .asString());
            if (page.isEmpty()) {
                break;
            }
            pages++;
            for (JsonNode n : page) {
                assertTrue(keys.add(n.get("key").asText()), "repeated " + n.get("key"));
            }
            since = page.get(page.size() - 1).get("revision").asLong();
        }
        assertEquals(entries, keys.size());
        assertEquals((entries + 2499) / 2500, pages);
    }

    @Test
    void zstdAndGzipByAcceptEncodingDecodeToTheSameBytes() throws Exception {
        String url = "/api/v6/export/ndjson?locale=" + locale + "&limit=100000";
        byte[] plain = viewer().config(RAW)
                .header("Accept-Encoding", "identity")
                .get(url)
                .asByteArray();
        Response z =
                viewer().config(RAW).header("Accept-Encoding", "gzip, zstd").get(url);
        z.then().header("Content-Encoding", "zstd");
        byte[] zBytes = z.asByteArray();
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zBytes))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        Response g = viewer().config(RAW).header("Accept-Encoding", "gzip").get(url);
        g.then().header("Content-Encoding", "gzip");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(g.asByteArray()))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        assertTrue(
                zBytes.length * 3 < plain.length,
                "zstd should compress NDJSON well: " + zBytes.length + " of " + plain.length);
    }

    @Test
    void protobufRowsAreTheNdjsonRowsLengthDelimited() throws Exception {
        List<JsonNode> nd = lines(viewer().get("/api/v6/export/ndjson?locale=" + locale + "&limit=500")
                .asString());
        byte[] pb = viewer().get("/api/v6/export/pb?locale=" + locale + "&limit=500")
                .asByteArray();
        InputStream in = new ByteArrayInputStream(pb);
        List<ExportEntry> rows = new ArrayList<>();
        ExportEntry e;
        while ((e = ExportEntry.parseDelimitedFrom(in)) != null) {
            rows.add(e);
        }
        assertEquals(nd.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(nd.get(i).get("key").asText(), rows.get(i).getKey());
            assertEquals(nd.get(i).get("cid").asText(), rows.get(i).getCid());
            assertEquals(nd.get(i).get("dst_text").asText(), rows.get(i).getDstText());
            assertEquals(nd.get(i).get("revision").asLong(), rows.get(i).getRevision());
            assertEquals(JSON.readTree(rows.get(i).getQaFlagsJson()), nd.get(i).get("qa_flags"));
        }
    }

    @Test
    void aTrainedDictionaryIsOfferedInTheHandshakeWithItsMeasuredRatioAndDownloadable() throws Exception {
        Response trained = operator()
                .contentType("application/json")
                .body(Map.of("locale", locale))
                .post("/api/v6/dicts");
        trained.then().statusCode(201);
        String dictId = trained.path("dict_id");
        assertTrue(dictId.startsWith(locale + "@"));
        double withDict = ((Number) trained.path("ratio_dict")).doubleValue();
        double plain = ((Number) trained.path("ratio_plain")).doubleValue();
        assertTrue(
                withDict > plain, "dictionary ratio " + withDict + " should beat plain " + plain + " on 1 KiB chunks");
        byte[] dict = viewer().get("/api/v6/dicts/" + dictId).asByteArray();
        assertEquals(((Number) trained.path("size_bytes")).intValue(), dict.length);
        assertEquals(((Number) trained.path("zstd_dict_id")).longValue(), Zstd.getDictIdFromDict(dict));
        Response hs = new dev.opsuite.l10n.support.JavaSyncClient().handshake(locale, List.of(), 7, 200_000, null);
        hs.then()
                .statusCode(200)
                .body("dict_advice[0].dict_id", equalTo(dictId))
                .body("dict_advice[0].compression_ratio", equalTo((float) withDict));
        // an export compressed with the dictionary decodes with the downloaded dictionary
        String url = "/api/v6/export/ndjson?locale=" + locale + "&limit=50&dict_id=" + dictId;
        Response z = viewer().config(RAW).header("Accept-Encoding", "zstd").get(url);
        z.then().statusCode(200).header("X-Dict-Id", dictId);
        byte[] expected = viewer().config(RAW)
                .get("/api/v6/export/ndjson?locale=" + locale + "&limit=50")
                .asByteArray();
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(z.asByteArray()))) {
            in.setDict(dict);
            assertArrayEquals(expected, in.readAllBytes());
        }
        assertNotEquals(0, expected.length);
        assertTrue(new String(expected, StandardCharsets.UTF_8).contains("\"language_file_uid\""));
    }
}
