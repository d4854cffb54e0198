package dev.opsuite.common.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.common.testapp.BlockingNoteResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The blocking forms (BlockingSql transactions, BlockingIdempotency on a virtual-thread endpoint) against
 * the real PostgreSQL: same outcomes as the reactive forms, and no blocking on an event loop.
 */
@QuarkusTest
class BlockingPersistenceTest {

    @Inject
    BlockingSql sql;

    @Inject
    Vertx vertx;

    private long notes(String text) {
        return sql.query("SELECT count(*) AS n FROM probe_note WHERE text = $1", text)
                .get(0)
                .getLong("n");
    }

    private long events(String text) {
        return sql.query(
                        "SELECT count(*) AS n FROM outbox WHERE topic = $1 AND record_key IN "
                                + "(SELECT 'blocking-note-' || id FROM probe_note WHERE text = $2)",
                        BlockingNoteResource.TOPIC,
                        text)
                .get(0)
                .getLong("n");
    }

    private static Response post(String key, String body) {
        return given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/it/blocking-notes");
    }

    @Test
    void transactionCommitsTheRowWithItsOutboxEventOrNeither() {
        String text = "tx-" + UUID.randomUUID();
        long id = sql.tx(conn -> BlockingSql.query(conn, "INSERT INTO probe_note (text) VALUES ($1) RETURNING id", text)
                .get(0)
                .getLong("id"));
        assertTrue(id > 0);
        assertEquals(1, notes(text));

        String rolledBack = "rollback-" + UUID.randomUUID();
        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> sql.tx(conn -> {
                    BlockingSql.update(conn, "INSERT INTO probe_note (text) VALUES ($1)", rolledBack);
                    throw new IllegalStateException("work failed");
                }));
        assertEquals("work failed", failure.getMessage());
        assertEquals(0, notes(rolledBack));
    }

    @Test
    void refusesToBlockAnEventLoop() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            try {
                sql.query("SELECT 1");
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Throwable t = outcome.get(10, TimeUnit.SECONDS);
        assertTrue(t instanceof IllegalStateException, String.valueOf(t));
        assertTrue(t.getMessage().contains("event loop"), t.getMessage());
    }

    @Test
    void sameKeyReplaysTheStoredResponseWithoutASecondNoteOrEvent() {
        String key = UUID.randomUUID().toString();
        String text = "blocking-replay-" + key;
        String body = "{\"text\":\"" + text + "\"}";
        Response first = post(key, body);
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        post(key, body)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .body("id", equalTo(first.jsonPath().getInt("id")));
        assertEquals(1, notes(text));
        assertEquals(1, events(text));
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndTakesNoEffect() {
        String key = UUID.randomUUID().toString();
        post(key, "{\"text\":\"a-" + key + "\"}").then().statusCode(201);
        post(key, "{\"text\":\"b-" + key + "\"}")
                .then()
                .statusCode(422)
                .header("X-Request-Id", notNullValue())
                .body("code", equalTo("idempotency_key_reused"));
        assertEquals(0, notes("b-" + key));
    }

    @Test
    void duplicateWhileTheFirstRunsIs409() throws Exception {
        String key = UUID.randomUUID().toString();
        String text = "blocking-slow-" + key;
        String body = "{\"text\":\"" + text + "\",\"delayMillis\":2000}";
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> post(key, body));
        Thread.sleep(700);
        post(key, body).then().statusCode(409).body("code", equalTo("idempotency_in_flight"));
        assertEquals(201, slow.get().statusCode());
        assertEquals(1, notes(text));
    }

    @Test
    void aFailedRequestReleasesItsKeySoTheRetryRuns() {
        String key = UUID.randomUUID().toString();
        String text = "blocking-retry-" + key;
        String body = "{\"text\":\"" + text + "\",\"failOnce\":true}";
        post(key, body).then().statusCode(500);
        assertEquals(0, notes(text), "the failed attempt's insert was rolled back");
        Response retry = post(key, body);
        retry.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        post(key, body).then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(List.of(1L, 1L), List.of(notes(text), events(text)));
    }
}
