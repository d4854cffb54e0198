package dev.opsuite.common.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Idempotency-Key against the real idempotency_keys table in PostgreSQL. */
@QuarkusTest
class IdempotencyHttpTest {

    @Inject
    Pool pool;

    private long notesWithText(String text) {
        return pool.preparedQuery("SELECT count(*) FROM probe_note WHERE text = $1")
                .execute(Tuple.of(text))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void sameKeyAndBodyReplaysStoredResponseWithoutSecondEffect() {
        String key = UUID.randomUUID().toString();
        String text = "replay-" + key;
        Response first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"text\":\"" + text + "\"}")
                .post("/it/notes");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response second = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"text\":\"" + text + "\"}")
                .post("/it/notes");
        second.then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .contentType(ContentType.JSON)
                .body("id", equalTo(first.jsonPath().getInt("id")))
                .body("text", equalTo(text));
        assertEquals(1, notesWithText(text));
    }

    @Test
    void sameKeyWithDifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"text\":\"a-" + key + "\"}")
                .post("/it/notes")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"text\":\"b-" + key + "\"}")
                .post("/it/notes")
                .then()
                .statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
        assertEquals(0, notesWithText("b-" + key));
    }

    @Test
    void concurrentDuplicateWhileInFlightIs409() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"text\":\"slow-" + key + "\",\"delayMillis\":2000}";
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/it/notes"));
        Thread.sleep(700);
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/it/notes")
                .then()
                .statusCode(409)
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .body("code", equalTo("idempotency_in_flight"));
        assertEquals(201, slow.get().statusCode());
        assertEquals(1, notesWithText("slow-" + key));
    }

    @Test
    void withoutKeyEveryRequestTakesEffect() {
        String text = "nokey-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"text\":\"" + text + "\"}")
                    .post("/it/notes")
                    .then()
                    .statusCode(201);
        }
        assertEquals(2, notesWithText(text));
    }

    @Test
    void malformedKeyIs400() {
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "x".repeat(300))
                .body("{\"text\":\"k\"}")
                .post("/it/notes")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_idempotency_key"));
    }
}
