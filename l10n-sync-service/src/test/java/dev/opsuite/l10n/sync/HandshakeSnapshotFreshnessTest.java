package dev.opsuite.l10n.sync;

import static dev.opsuite.l10n.support.Api.entry;
import static dev.opsuite.l10n.support.Api.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsuite.l10n.support.JavaSyncClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Handshakes answer from the instance's in-memory copy of a scope ({@link ScopeSnapshots}); a change
 * committed after that copy was read, through either write path, must show in the very next
 * handshake, never after some expiry.
 */
@QuarkusTest
class HandshakeSnapshotFreshnessTest {
    private final JavaSyncClient client = new JavaSyncClient();

    private List<String> cidsOf(String locale) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode n : client.export("locale=" + locale + "&limit=100000")) {
            out.add(n.get("cid").asText());
        }
        return out;
    }

    /** What the server says the client holding {@code have} lacks: missing plus the unconfirmed candidates. */
    private List<String> lacking(String locale, List<String> have, Long since) {
        Response hs = client.handshake(locale, have, 7, 4096, since);
        hs.then().statusCode(200);
        List<String> out = new ArrayList<>(hs.jsonPath().getList("missing_cids"));
        for (String cid : hs.jsonPath().<String>getList("confirm")) {
            if (!have.contains(cid)) {
                out.add(cid);
            }
        }
        return out;
    }

    private long revision(String locale, List<String> have) {
        return ((Number) client.handshake(locale, have, 7, 4096, null).path("revision")).longValue();
    }

    @Test
    void anEditThroughTheCatalogueShowsInTheNextHandshake() throws Exception {
        SyncProtocolTest.Fixture f = SyncProtocolTest.fixture();
        List<String> before = cidsOf(f.locale());
        assertEquals(List.of(), lacking(f.locale(), before, null), "the client holds everything");
        long revisionBefore = revision(f.locale(), before);

        Map<String, Object> e = entry(f.target(), "gui.percent");
        operator()
                .contentType(ContentType.JSON)
                .header("If-Match", "\"" + e.get("version") + "\"")
                .body(Map.of("dst_text", "百分之百完成", "status", "reviewed"))
                .put("/api/v6/translations/" + e.get("uid"))
                .then()
                .statusCode(200);

        List<String> after = cidsOf(f.locale());
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        assertEquals(1, added.size(), "the edit gave the entry a new CID");
        assertEquals(added, lacking(f.locale(), before, null));
        assertEquals(added, lacking(f.locale(), before, revisionBefore), "and it is newer than the old revision");
        assertTrue(revision(f.locale(), after) > revisionBefore);
        assertEquals(List.of(), lacking(f.locale(), after, null));
    }

    @Test
    void entriesASyncCommitInsertsShowInTheNextHandshake() throws Exception {
        SyncProtocolTest.Fixture f = SyncProtocolTest.fixture();
        List<String> before = cidsOf(f.locale());
        assertEquals(List.of(), lacking(f.locale(), before, null));

        long version = ((Number) entry(f.target(), "gui.format").get("version")).longValue();
        JavaSyncClient.Chunk chunk = JavaSyncClient.chunk(List.of(
                JavaSyncClient.delta(f.target(), "gui.format", version, "§a绿色§r 和 %1$s", "mt"),
                JavaSyncClient.delta(f.target(), "gui.brand.new", 0, "全新", "mt")));
        String session = client.handshake(f.locale(), before, 7, 4096, null).path("session_id");
        client.putWhole(session, chunk).then().statusCode(200);
        client.commit(session, List.of(chunk.cid()), null, null).then().statusCode(200);

        List<String> after = cidsOf(f.locale());
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        assertEquals(2, added.size(), "one entry inserted, one changed");
        List<String> lacking = lacking(f.locale(), before, null);
        assertEquals(added.size(), lacking.size());
        assertTrue(lacking.containsAll(added));
        assertFalse(lacking(f.locale(), after, null).iterator().hasNext());
    }
}
