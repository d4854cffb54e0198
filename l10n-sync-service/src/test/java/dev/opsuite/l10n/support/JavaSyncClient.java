package dev.opsuite.l10n.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.sync.BloomFilter;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small Java sync client over plain HTTP, as a tool author would write it from the README. */
public final class JavaSyncClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String token = TestTokens.issue("java-client", "operator");

    public Response handshake(String locale, Collection<String> have, int k, long m, Long since) {
        BloomFilter bloom = BloomFilter.empty(k, m);
        have.forEach(bloom::add);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_cap", Map.of("zstd", true, "dict_ids", List.of()));
        body.put(
                "bloom",
                Map.of("k", k, "m", m, "hashes", List.of(Base64.getEncoder().encodeToString(bloom.bits()))));
        body.put("scope", Map.of("locale", locale));
        if (since != null) {
            body.put("since", since);
        }
        return given().header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body(body)
                .post("/api/v6/sync/handshake");
    }

    public static String delta(String fileUid, String key, long baseVersion, String dst, String status) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("dst_text", dst);
        if (status != null) {
            changes.put("status", status);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("language_file_uid", fileUid);
        d.put("key", key);
        d.put("base_version", baseVersion);
        d.put("changes", changes);
        d.put("ts", "2025-09-10T12:00:00Z");
        try {
            return JSON.writeValueAsString(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Chunk(String cid, byte[] plain, byte[] zstd) {}

    public static Chunk chunk(List<String> lines) {
        byte[] plain = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return new Chunk(Cids.ofBytes(plain), plain, Zstd.compress(plain, 3));
    }

    public Response put(String session, Chunk c, int from, int to) {
        byte[] part = java.util.Arrays.copyOfRange(c.zstd(), from, to);
        return given().header("Authorization", "Bearer " + token)
                .header("X-Session-Id", session)
                .header("X-Idempotency-Key", c.cid())
                .header("Content-Encoding", "zstd")
                .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + c.zstd().length)
                .contentType("application/x-ndjson")
                .body(part)
                .put("/api/v6/sync/chunk/" + c.cid());
    }

    public Response putWhole(String session, Chunk c) {
        return put(session, c, 0, c.zstd().length);
    }

    public Response head(String cid) {
        return given().header("Authorization", "Bearer " + token).head("/api/v6/sync/chunk/" + cid);
    }

    public Response commit(String session, List<String> cids, String strategy, String resolution) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", session);
        List<Map<String, String>> chunks = new ArrayList<>();
        cids.forEach(cid -> chunks.add(Map.of("cid", cid, "status", "received")));
        body.put("chunks", chunks);
        if (strategy != null) {
            body.put("merge_strategy", strategy);
        }
        if (resolution != null) {
            body.put("conflict_resolution", resolution);
        }
        return given().header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body(body)
                .post("/api/v6/sync/commit");
    }

    public List<JsonNode> export(String query) throws Exception {
        String body = given().header("Authorization", "Bearer " + token)
                .get("/api/v6/export/ndjson?" + query)
                .asString();
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
