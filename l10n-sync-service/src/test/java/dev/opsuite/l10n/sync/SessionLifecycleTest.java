package dev.opsuite.l10n.sync;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.opsuite.l10n.support.Api;
import dev.opsuite.l10n.support.JavaSyncClient;
import dev.opsuite.l10n.support.Kafka;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionLifecycleTest {
    @Inject
    DataSource db;

    @Inject
    SessionJanitor janitor;

    private final JavaSyncClient client = new JavaSyncClient();

    private long value(String sql, String arg) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private void update(String sql, String arg) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            ps.executeUpdate();
        }
    }

    @Test
    void aCommittedSessionIsAnnouncedAndChunksAreReferenceCountedAcrossSessions() throws Exception {
        String mod = Api.createMod(Api.unique("life").replace('-', '_'));
        String file = Api.createFile(mod, "de_de");
        Api.importFile(file, "{\"l.a\":\"A\"}", "as=translation").then().statusCode(200);
        long version = ((Number) Api.entry(file, "l.a").get("version")).longValue();
        JavaSyncClient.Chunk chunk =
                JavaSyncClient.chunk(List.of(JavaSyncClient.delta(file, "l.a", version, "Ä", "reviewed")));
        try (Kafka.Reader events = Kafka.reader("l10n.events.v1")) {
            String s1 = client.handshake("de_de", List.of(), 7, 100_000, null).path("session_id");
            client.putWhole(s1, chunk).then().statusCode(200);
            assertEquals(1, value("SELECT refcount FROM chunks WHERE cid = ?", chunk.cid()));
            // another session sending the same content: a CAS hit, a second reference
            String s2 = client.handshake("de_de", List.of(), 7, 100_000, null).path("session_id");
            client.putWhole(s2, chunk).then().statusCode(200).body("status", equalTo("complete"));
            assertEquals(2, value("SELECT refcount FROM chunks WHERE cid = ?", chunk.cid()));
            client.commit(s1, List.of(chunk.cid()), null, null)
                    .then()
                    .statusCode(200)
                    .body("applied", equalTo(1));
            Kafka.Event e = events.await(
                    ev -> ev.type().equals("dev.opsuite.l10n.session_committed.v1")
                            && ev.subject().equals(s1),
                    Duration.ofSeconds(20));
            assertEquals(1, e.payload().getSessionCommitted().getApplied());
            assertEquals("de_de", e.payload().getSessionCommitted().getLocale());
            // s2 expires: its reference goes, the chunk stays for s1's history
            update("UPDATE sync_sessions SET expires_at = now() - interval '1 second' WHERE id = ?", s2);
            janitor.expire();
            assertEquals(1, value("SELECT refcount FROM chunks WHERE cid = ?", chunk.cid()));
            client.putWhole(s2, chunk)
                    .then()
                    .statusCode(409)
                    .body("error", equalTo("session_not_open"))
                    .body("details.state", equalTo("expired"));
        }
    }

    @Test
    void anExpiredSessionDropsItsPartialUploads() throws Exception {
        String mod = Api.createMod(Api.unique("exp").replace('-', '_'));
        String file = Api.createFile(mod, "fr_fr");
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(JavaSyncClient.delta(file, "k." + i, 0, "texte numéro " + i + " avec %s", "mt"));
        }
        JavaSyncClient.Chunk chunk = JavaSyncClient.chunk(lines);
        String s = client.handshake("fr_fr", List.of(), 7, 100_000, null).path("session_id");
        client.put(s, chunk, 0, chunk.zstd().length / 2).then().statusCode(200).body("status", equalTo("partial"));
        client.head(chunk.cid()).then().statusCode(200);
        update("UPDATE sync_sessions SET expires_at = now() - interval '1 second' WHERE id = ?", s);
        janitor.expire();
        client.head(chunk.cid()).then().statusCode(404);
        assertEquals(-1, value("SELECT received_bytes FROM chunk_uploads WHERE cid = ?", chunk.cid()));
        boolean listed = Api.viewer()
                .get("/api/v6/sync/history?limit=200")
                .jsonPath()
                .getList("session_id")
                .contains(s);
        assertFalse(!listed);
        Api.viewer()
                .get("/api/v6/sync/history?limit=200")
                .then()
                .body("find { it.session_id == '" + s + "' }.state", equalTo("expired"));
    }
}
