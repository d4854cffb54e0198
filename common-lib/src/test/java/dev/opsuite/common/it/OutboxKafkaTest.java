package dev.opsuite.common.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.common.testapp.NoteResource;
import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.events.v1.DeploymentEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Outbox rows written with the state change reach the real Kafka broker and are then marked published. */
@QuarkusTest
class OutboxKafkaTest {

    @Inject
    Pool pool;

    @Test
    void hibernateSessionEnqueueIsPublishedWithCloudEventHeaders() throws Exception {
        Response created = given().contentType(ContentType.JSON)
                .header("X-Request-Id", "it-outbox-1")
                .body("{\"text\":\"via hibernate\"}")
                .post("/it/notes");
        created.then().statusCode(201);
        String subject = "note-" + created.jsonPath().getLong("id");

        ConsumerRecord<String, byte[]> record =
                KafkaTestClients.awaitRecord(NoteResource.TOPIC, r -> subject.equals(r.key()), Duration.ofSeconds(30));
        assertEquals("1.0", KafkaTestClients.header(record, "ce_specversion"));
        assertTrue(KafkaTestClients.header(record, "ce_id").matches("[0-9a-f-]{36}"));
        assertEquals("common-test", KafkaTestClients.header(record, "ce_source"));
        assertEquals("dev.opsuite.common.progressed.v1", KafkaTestClients.header(record, "ce_type"));
        assertEquals(subject, KafkaTestClients.header(record, "ce_subject"));
        assertEquals("application/protobuf", KafkaTestClients.header(record, "content-type"));
        assertEquals("it-outbox-1", KafkaTestClients.header(record, "x-request-id"));
        assertNotNull(OffsetDateTime.parse(KafkaTestClients.header(record, "ce_time")));
        DeploymentEvent event = DeploymentEvent.parseFrom(record.value());
        assertEquals(subject, event.getDeploymentId());
        assertEquals(42, event.getProgress());
        assertEquals("via hibernate", event.getMessage());

        Row row = awaitPublished(subject);
        assertEquals(1, row.getInteger("attempts"));
    }

    @Test
    void pgClientEnqueueIsPublished() {
        Response created = given().contentType(ContentType.JSON)
                .body("{\"text\":\"via pg client\"}")
                .post("/it/notes/pg");
        created.then().statusCode(201);
        String subject = "note-" + created.jsonPath().getLong("id");
        ConsumerRecord<String, byte[]> record =
                KafkaTestClients.awaitRecord(NoteResource.TOPIC, r -> subject.equals(r.key()), Duration.ofSeconds(30));
        assertEquals(subject, KafkaTestClients.header(record, "ce_subject"));
        awaitPublished(subject);
        given().auth()
                .oauth2(TestTokens.issue("ada", "admin"))
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("opsuite_outbox_published_total"))
                .body(containsString("opsuite_outbox_backlog"));
    }

    @Test
    void unpublishableRowIsRetriedLaterWithoutBlockingOthers() {
        long badId = pool.query(
                        "INSERT INTO outbox (topic, record_key, headers, payload) "
                                + "VALUES ('commontest.notes.v1', 'bad', '\"not an object\"'::jsonb, '\\x00'::bytea) RETURNING id")
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
        Response created = given().contentType(ContentType.JSON)
                .body("{\"text\":\"behind a bad row\"}")
                .post("/it/notes/pg");
        String subject = "note-" + created.jsonPath().getLong("id");
        awaitPublished(subject);
        Row bad = pool.preparedQuery(
                        "SELECT published_at, attempts, last_error, next_attempt_at > now() AS backing_off "
                                + "FROM outbox WHERE id = $1")
                .execute(Tuple.of(badId))
                .await()
                .indefinitely()
                .iterator()
                .next();
        assertEquals(null, bad.getValue("published_at"));
        assertTrue(bad.getInteger("attempts") >= 1);
        assertTrue(bad.getString("last_error").contains("unreadable headers"), bad.getString("last_error"));
        assertTrue(bad.getBoolean("backing_off"));
        pool.preparedQuery("DELETE FROM outbox WHERE id = $1")
                .execute(Tuple.of(badId))
                .await()
                .indefinitely();
    }

    private Row awaitPublished(String subject) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var rows = pool.preparedQuery(
                            "SELECT published_at, attempts, last_error FROM outbox WHERE headers->>'ce_subject' = $1")
                    .execute(Tuple.of(subject))
                    .await()
                    .indefinitely();
            assertEquals(1, rows.size(), "exactly one outbox row for " + subject);
            Row row = rows.iterator().next();
            if (row.getValue("published_at") != null) {
                return row;
            }
            sleep(100);
        }
        throw new AssertionError("outbox row for " + subject + " never marked published");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
