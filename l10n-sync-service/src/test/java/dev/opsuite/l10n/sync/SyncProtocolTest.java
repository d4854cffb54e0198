package dev.opsuite.l10n.sync;

import static dev.opsuite.l10n.support.Api.entry;
import static dev.opsuite.l10n.support.Api.operator;
import static dev.opsuite.l10n.support.Api.unique;
import static dev.opsuite.l10n.support.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.support.Api;
import dev.opsuite.l10n.support.JavaSyncClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SyncProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JavaSyncClient client = new JavaSyncClient();

    /** A fresh locale per test keeps scopes apart; entries with texts that break naive NDJSON code. */
    record Fixture(String locale, String en, String target) {}

    static Fixture fixture() throws Exception {
        String locale = "x" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_zz";
        String mod = Api.createMod(unique("sync").replace('-', '_'));
        String en = Api.createFile(mod, "en_us");
        String target = Api.createFile(mod, locale);
        Map<String, String> src = new LinkedHashMap<>();
        src.put("chat.type.text", "<%s> %s");
        src.put("gui.percent", "100%% done");
        src.put("gui.format", "§aGreen§r and %1$s");
        src.put("gui.lines", "Line\u2028Two\u2029Three");
        src.put("gui.control", "Bell\u0007Tab\tEnd");
        src.put("gui.empty", "");
        Api.importFile(en, JSON.writeValueAsString(src), null).then().statusCode(200);
        Api.importFile(
                        target,
                        JSON.writeValueAsString(Map.of("chat.type.text", "<%s> %s", "gui.percent", "100%% 完成")),
                        "as=translation")
                .then()
                .statusCode(200);
        return new Fixture(locale, en, target);
    }

    private List<String> cidsOf(Fixture f) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode n : client.export("locale=" + f.locale() + "&limit=100000")) {
            out.add(n.get("cid").asText());
        }
        return out;
    }

    @Test
    void handshakeReturnsWhatTheClientLacksAndConfirmClosesTheBloomGap() throws Exception {
        Fixture f = fixture();
        List<String> all = cidsOf(f);
        assertEquals(6, all.size());
        List<String> have = new ArrayList<>(all.subList(1, all.size()));
        Response small = client.handshake(f.locale(), have, 7, 8, null);
        small.then()
                .statusCode(400)
                .body("error", equalTo("validation_failed"))
                .body("details.field", equalTo("bloom.m"));
        long minM = ((Number) small.path("details.min_m")).longValue();
        assertEquals(BloomFilter.minM(7, 6, 0.01), minM);
        Response hs = client.handshake(f.locale(), have, 7, minM, null);
        hs.then().statusCode(200).body("limits.max_chunk_mb", equalTo(2));
        List<String> missing = hs.jsonPath().getList("missing_cids");
        List<String> confirm = hs.jsonPath().getList("confirm");
        assertEquals(6, missing.size() + confirm.size());
        assertFalse(confirm.contains(all.get(0)) && missing.contains(all.get(0)));
        // the dropped CID is in missing_cids, or (a Bloom false positive, likely with such a small filter) in
        // confirm; the client confirms only what it really has, so it comes back either way
        List<String> really = confirm.stream().filter(have::contains).toList();
        Response conf = operator()
                .contentType("application/json")
                .body(Map.of("session_id", (String) hs.path("session_id"), "have", really))
                .post("/api/v6/sync/confirm");
        conf.then().statusCode(200);
        List<String> gap = conf.jsonPath().getList("missing_cids");
        List<String> union = new ArrayList<>(missing);
        union.addAll(gap);
        assertTrue(union.contains(all.get(0)));
        assertEquals(all.size() - have.size(), union.size(), "exactly the CIDs the client lacks");
        // the missing rows are fetchable by CID
        String fetched = operator()
                .contentType("application/json")
                .body(Map.of("cids", union))
                .post("/api/v6/sync/fetch")
                .asString();
        assertEquals(union.size(), fetched.lines().count());
        // with "since" = the handshake's revision, nothing is new
        long revision = ((Number) hs.path("revision")).longValue();
        Response again = client.handshake(f.locale(), have, 7, minM, revision);
        again.then().statusCode(200).body("missing_cids.size()", equalTo(0)).body("confirm.size()", equalTo(0));
    }

    @Test
    void resumableUploadVerifiesTheCidAfterDecompressionAndCommitApplies() throws Exception {
        Fixture f = fixture();
        Map<String, Object> chat = entry(f.target(), "chat.type.text");
        Map<String, Object> pct = entry(f.target(), "gui.percent");
        List<String> lines = List.of(
                JavaSyncClient.delta(
                        f.target(),
                        "chat.type.text",
                        ((Number) chat.get("version")).longValue(),
                        "%2$s：%1$s\u2028行",
                        "reviewed"),
                JavaSyncClient.delta(f.target(), "gui.percent", ((Number) pct.get("version")).longValue(), "", null),
                JavaSyncClient.delta(
                        f.target(),
                        "gui.format",
                        ((Number) entry(f.target(), "gui.format").get("version")).longValue(),
                        "§a绿色§r 和 %1$s\u0001",
                        "mt"));
        JavaSyncClient.Chunk chunk = JavaSyncClient.chunk(lines);
        String session = client.handshake(f.locale(), List.of(), 7, 1024, null).path("session_id");
        int total = chunk.zstd().length;
        int half = total / 2;
        client.put(session, chunk, 0, half)
                .then()
                .statusCode(200)
                .body("status", equalTo("partial"))
                .body("next_offset", equalTo(half))
                .header("Upload-Offset", String.valueOf(half));
        // a part past the offset is refused with where to resume; HEAD says the same
        if (half + 1 < total) {
            client.put(session, chunk, half + 1, total)
                    .then()
                    .statusCode(409)
                    .header("Upload-Offset", String.valueOf(half));
        }
        client.head(chunk.cid())
                .then()
                .statusCode(200)
                .header("Upload-Offset", String.valueOf(half))
                .header("Upload-Length", String.valueOf(total));
        // re-sending the first part (same idempotency key) is no replay of another part's answer, and no change
        client.put(session, chunk, 0, half).then().statusCode(200).body("received_bytes", equalTo(half));
        client.put(session, chunk, half, total)
                .then()
                .statusCode(200)
                .body("status", equalTo("complete"))
                .body("total_bytes", equalTo(total));
        client.putWhole(session, chunk).then().statusCode(200).body("status", equalTo("complete"));
        client.head(chunk.cid()).then().statusCode(200).header("Upload-Offset", String.valueOf(total));

        String unknown = Cids.ofBytes("never uploaded".getBytes(StandardCharsets.UTF_8));
        client.commit(session, List.of(chunk.cid(), unknown), null, null)
                .then()
                .statusCode(409)
                .body("error", equalTo("missing_chunks"))
                .body("details.missing", equalTo(List.of(unknown)));
        Response commit = client.commit(session, List.of(chunk.cid()), null, null);
        commit.then()
                .statusCode(200)
                .body("processed", equalTo(3))
                .body("applied", equalTo(3))
                .body("conflicts", equalTo(0));
        assertEquals("%2$s：%1$s\u2028行", entry(f.target(), "chat.type.text").get("dst_text"));
        assertEquals("", entry(f.target(), "gui.percent").get("dst_text"));
        assertEquals("fail", ((Map<?, ?>) entry(f.target(), "gui.percent").get("qa_flags")).get("empty_check"));
        assertEquals("§a绿色§r 和 %1$s\u0001", entry(f.target(), "gui.format").get("dst_text"));
        // committing again is idempotent: same counts, nothing applied twice
        client.commit(session, List.of(chunk.cid()), null, null)
                .then()
                .statusCode(200)
                .body("applied", equalTo(3));
        assertEquals(
                ((Number) chat.get("version")).longValue() + 1,
                ((Number) entry(f.target(), "chat.type.text").get("version")).longValue());
        // the export carries the committed rows with CIDs of their content
        for (JsonNode row : client.export("locale=" + f.locale() + "&limit=1000")) {
            assertEquals(
                    Cids.ofEntry(new dev.opsuite.l10n.domain.EntryContent(
                            row.get("language_file_uid").asText(),
                            row.get("key").asText(),
                            text(row, "src_text"),
                            text(row, "dst_text"),
                            row.get("status").asText())),
                    row.get("cid").asText());
        }
        Response history = viewer().get("/api/v6/sync/history?limit=50");
        JsonNode mine = null;
        for (JsonNode n : JSON.readTree(history.asString())) {
            if (n.get("session_id").asText().equals(session)) {
                mine = n;
            }
        }
        assertNotNull(mine);
        assertEquals("committed", mine.get("state").asText());
        assertEquals(total, mine.get("bytes_received").asInt());
        assertEquals(3, mine.get("result").get("applied").asInt());
    }

    @Test
    void aChunkThatDoesNotHashToItsCidIsDiscardedAndABombIsA413() throws Exception {
        Fixture f = fixture();
        String session = client.handshake(f.locale(), List.of(), 7, 1024, null).path("session_id");
        JavaSyncClient.Chunk real =
                JavaSyncClient.chunk(List.of(JavaSyncClient.delta(f.target(), "gui.empty", 0, "x", null)));
        String wrongCid = Cids.ofBytes("something else".getBytes(StandardCharsets.UTF_8));
        Response r = io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + dev.opsuite.devstack.test.TestTokens.issue("o", "operator"))
                .header("X-Session-Id", session)
                .header("Content-Encoding", "zstd")
                .body(real.zstd())
                .contentType("application/x-ndjson")
                .put("/api/v6/sync/chunk/" + wrongCid);
        r.then().statusCode(422).body("error", equalTo("cid_mismatch")).body("details.actual", equalTo(real.cid()));
        client.head(wrongCid).then().statusCode(404);
        byte[] zeros = new byte[64 * 1024 * 1024];
        byte[] bomb = Zstd.compress(zeros, 19);
        assertTrue(bomb.length < 100_000);
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + dev.opsuite.devstack.test.TestTokens.issue("o", "operator"))
                .header("X-Session-Id", session)
                .header("Content-Encoding", "zstd")
                .body(bomb)
                .contentType("application/x-ndjson")
                .put("/api/v6/sync/chunk/" + Cids.ofBytes(zeros))
                .then()
                .statusCode(413)
                .body("error", equalTo("payload_too_large"));
    }

    @Test
    void concurrentEditsMergeThreeWayAgainstTheBaseVersionKeptInHistory() throws Exception {
        Fixture f = fixture();
        Map<String, Object> chat = entry(f.target(), "chat.type.text");
        long base = ((Number) chat.get("version")).longValue();
        // meanwhile on the server: someone locks it (status only) ...
        operator()
                .contentType("application/json")
                .header("If-Match", "\"" + base + "\"")
                .body(Map.of("status", "locked"))
                .put("/api/v6/translations/" + chat.get("uid"))
                .then()
                .statusCode(200);
        // ... and someone changes gui.percent's text
        Map<String, Object> pct = entry(f.target(), "gui.percent");
        long pctBase = ((Number) pct.get("version")).longValue();
        operator()
                .contentType("application/json")
                .header("If-Match", "\"" + pctBase + "\"")
                .body(Map.of("dst_text", "百分百完成"))
                .put("/api/v6/translations/" + pct.get("uid"))
                .then()
                .statusCode(200);
        JavaSyncClient.Chunk chunk = JavaSyncClient.chunk(List.of(
                JavaSyncClient.delta(f.target(), "chat.type.text", base, "<%1$s> %2$s", null),
                JavaSyncClient.delta(f.target(), "gui.percent", pctBase, "全部 100%% 完成", null)));
        String session = client.handshake(f.locale(), List.of(), 7, 1024, null).path("session_id");
        client.putWhole(session, chunk).then().statusCode(200);
        Response commit = client.commit(session, List.of(chunk.cid()), "three_way", null);
        commit.then()
                .statusCode(200)
                .body("merged", equalTo(1))
                .body("conflicts", equalTo(1))
                .body("conflicting_entry_uids", equalTo(List.of(pct.get("uid"))));
        Map<String, Object> merged = entry(f.target(), "chat.type.text");
        assertEquals("<%1$s> %2$s", merged.get("dst_text"));
        assertEquals("locked", merged.get("status"));
        Map<String, Object> conflict = entry(f.target(), "gui.percent");
        assertEquals("conflict", conflict.get("status"));
        assertEquals("百分百完成", conflict.get("dst_text"));
        Map<?, ?> fields =
                (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) conflict.get("qa_flags")).get("merge_conflict")).get("fields");
        assertEquals(Map.of("base", "100%% 完成", "local", "百分百完成", "remote", "全部 100%% 完成"), fields.get("dst_text"));
    }

    @Test
    void largeCommitsAreQueuedAsImportDeltaBlockTasksAndFinishTheSession() throws Exception {
        Fixture f = fixture();
        Api.admin()
                .contentType("application/json")
                .body(Map.of("value", 1))
                .put("/api/v6/settings/commit_queue_threshold")
                .then()
                .statusCode(200);
        try {
            List<String> deltas = new ArrayList<>();
            for (String key : List.of("gui.format", "gui.lines", "gui.control")) {
                deltas.add(JavaSyncClient.delta(f.target(), key, 0, "译：" + key, "mt"));
            }
            JavaSyncClient.Chunk chunk = JavaSyncClient.chunk(deltas);
            String session =
                    client.handshake(f.locale(), List.of(), 7, 1024, null).path("session_id");
            client.putWhole(session, chunk).then().statusCode(200);
            Response queued = client.commit(session, List.of(chunk.cid()), null, null);
            queued.then().statusCode(202).body("queued", equalTo(true)).body("state", equalTo("committing"));
            long task = ((Number) queued.jsonPath().getList("task_ids").get(0)).longValue();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String state = "";
            while (System.nanoTime() < deadline && !state.equals("succeeded")) {
                state = viewer().get("/api/v6/queue/tasks/" + task).path("state");
                Thread.sleep(100);
            }
            assertEquals("succeeded", state);
            assertEquals(
                    "import_delta_block",
                    viewer().get("/api/v6/queue/tasks/" + task).path("type"));
            assertEquals("译：gui.lines", entry(f.target(), "gui.lines").get("dst_text"));
            boolean committed = false;
            for (JsonNode n : JSON.readTree(viewer().get("/api/v6/sync/history").asString())) {
                committed |= n.get("session_id").asText().equals(session)
                        && n.get("state").asText().equals("committed");
            }
            assertTrue(committed);
        } finally {
            Api.admin()
                    .contentType("application/json")
                    .body(Map.of("value", 50000))
                    .put("/api/v6/settings/commit_queue_threshold");
        }
    }

    private static String text(JsonNode n, String field) {
        return n.get(field).isNull() ? null : n.get(field).asText();
    }
}
