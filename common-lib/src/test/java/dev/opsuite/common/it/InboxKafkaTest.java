package dev.opsuite.common.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.inbox.DeadLetters;
import dev.opsuite.common.testapp.ProbeConsumer;
import dev.opsuite.devstack.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Inbox exactly-once and the DLQ with a real consumer on the devstack broker. */
@QuarkusTest
class InboxKafkaTest {
    private static final String TOPIC = "commontest.probe.v1";
    private static final String DLQ = DeadLetters.topicFor(ProbeConsumer.CONSUMER);

    @Inject
    Pool pool;

    private static Map<String, String> headers(String ceId) {
        return new CloudEvent(
                        ceId,
                        "inbox-it",
                        "dev.opsuite.test.probed.v1",
                        Instant.now(),
                        "probe",
                        "text/plain",
                        null,
                        null)
                .toHeaders();
    }

    private long applied(String ceId) {
        return pool.preparedQuery("SELECT count(*) FROM probe_applied WHERE ce_id = $1")
                .execute(Tuple.of(ceId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    private void awaitApplied(String ceId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (applied(ceId) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("event " + ceId + " was never applied");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void sameEventDeliveredTwiceIsAppliedOnce() throws Exception {
        String dup = UUID.randomUUID().toString();
        String sentinel = UUID.randomUUID().toString();
        // same key -> same partition -> consumed in order, so once the sentinel is applied both copies were seen
        KafkaTestClients.produce(TOPIC, "k-dup", headers(dup), "first copy");
        KafkaTestClients.produce(TOPIC, "k-dup", headers(dup), "second copy");
        KafkaTestClients.produce(TOPIC, "k-dup", headers(sentinel), "sentinel");
        awaitApplied(sentinel);
        assertEquals(1, applied(dup));
        assertEquals(
                1,
                pool.preparedQuery("SELECT count(*) FROM inbox WHERE consumer = $1 AND ce_id = $2")
                        .execute(Tuple.of(ProbeConsumer.CONSUMER, dup))
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong(0));
    }

    @Test
    void poisonMessagesGoToDlqWithReasonAndProcessingContinues() throws Exception {
        String key = "k-poison-" + UUID.randomUUID();
        KafkaTestClients.produce(TOPIC, key, Map.of("some-header", "kept"), "no cloud event headers");
        String poisonId = UUID.randomUUID().toString();
        KafkaTestClients.produce(TOPIC, key, headers(poisonId), "poison pill");
        String explodeId = UUID.randomUUID().toString();
        KafkaTestClients.produce(TOPIC, key, headers(explodeId), "explode always");
        String after = UUID.randomUUID().toString();
        KafkaTestClients.produce(TOPIC, key, headers(after), "fine again");

        ConsumerRecord<String, byte[]> unparseable = KafkaTestClients.awaitRecord(
                DLQ,
                r -> key.equals(r.key()) && "kept".equals(KafkaTestClients.header(r, "some-header")),
                Duration.ofSeconds(30));
        assertTrue(
                KafkaTestClients.header(unparseable, DeadLetters.REASON_HEADER).startsWith("unparseable:"));
        assertEquals(TOPIC, KafkaTestClients.header(unparseable, DeadLetters.SOURCE_TOPIC_HEADER));

        ConsumerRecord<String, byte[]> poison = KafkaTestClients.awaitRecord(
                DLQ, r -> poisonId.equals(KafkaTestClients.header(r, "ce_id")), Duration.ofSeconds(30));
        assertEquals("rejected: payload is not a probe", KafkaTestClients.header(poison, DeadLetters.REASON_HEADER));
        assertEquals("poison pill", new String(poison.value()));

        ConsumerRecord<String, byte[]> exploded = KafkaTestClients.awaitRecord(
                DLQ, r -> explodeId.equals(KafkaTestClients.header(r, "ce_id")), Duration.ofSeconds(30));
        assertEquals(
                "failed after 2 attempts: IllegalStateException: apply failed",
                KafkaTestClients.header(exploded, DeadLetters.REASON_HEADER));

        awaitApplied(after);
        assertEquals(0, applied(poisonId));
    }

    @Test
    void transientFailuresAreWaitedOutNotDeadLettered() throws Exception {
        String id = UUID.randomUUID().toString();
        KafkaTestClients.produce(TOPIC, "k-transient-" + id, headers(id), "transient outage");
        awaitApplied(id);
        assertEquals(5, ProbeConsumer.TRANSIENT_FAILURES.get(id), "four failed attempts, then the fifth applied");
        assertEquals(1, applied(id));
        assertTrue(
                KafkaTestClients.records(DLQ).stream().noneMatch(r -> id.equals(KafkaTestClients.header(r, "ce_id"))),
                "a transient failure went to the DLQ");
    }

    @Test
    void readinessShowsDeadLetteringConsumers() throws Exception {
        String explodeId = UUID.randomUUID().toString();
        KafkaTestClients.produce(TOPIC, "k-health-" + explodeId, headers(explodeId), "explode for health");
        KafkaTestClients.awaitRecord(
                DLQ, r -> explodeId.equals(KafkaTestClients.header(r, "ce_id")), Duration.ofSeconds(30));
        String ready =
                given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertTrue(ready.contains("\"event-consumers\""), ready);
        assertTrue(ready.contains("\"" + ProbeConsumer.CONSUMER + ".dead_lettered\""), ready);
        String metrics = given().auth()
                .oauth2(TestTokens.issue("ada", "admin"))
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                metrics.contains("opsuite_consumer_dead_lettered_total{consumer=\"" + ProbeConsumer.CONSUMER + "\"}"),
                "no dead-letter counter in /q/metrics");
    }
}
