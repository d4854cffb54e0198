package dev.opsuite.telemetry.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.inbox.DeadLetters;
import dev.opsuite.devstack.test.TestKafka;
import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * One event PostgreSQL cannot store used to stop all telemetry ingest (the batch was retried every
 * 10 s forever, logged with all its values, while the lag metric said 0). Now it is refused at the
 * edge, and should one reach the buffer anyway it goes alone to the DLQ while the rest is stored.
 */
@QuarkusTest
class IngestPoisonRecordTest {
    private static final String TOPIC = "telemetry.ingest.v1";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void nulInAReportIsRefusedAtTheEdge() {
        given().contentType("application/json")
                .body("{\"random_id\":\"\\u0000\",\"execution_id\":\"poison-1\",\"type\":\"lxc\",\"nsapp\":\"poison\","
                        + "\"status\":\"installing\"}")
                .post("/telemetry")
                .then()
                .statusCode(400)
                .contentType("text/plain")
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void aRecordTheDatabaseRefusesGoesAloneToTheDlqAndIngestGoesOn() {
        TestKafka kafka = new TestKafka(bootstrap);
        String poisonId = "poison-" + UUID.randomUUID();
        String goodId = "good-" + UUID.randomUUID();
        String key = "same-partition-" + UUID.randomUUID();
        // same record key: one partition, poison first, so the good one can only be stored after it
        kafka.produce(TOPIC, key, headers(), event(poisonId, "lxc\u0000").toByteArray());
        kafka.produce(TOPIC, key, headers(), event(goodId, "lxc").toByteArray());

        TestDb.await("the good event stored after the poison one", () -> count(goodId) == 1);
        assertEquals(0, count(poisonId));
        ConsumerRecord<String, byte[]> dead = kafka.awaitRecord(
                DeadLetters.topicFor(TelemetryIngestConsumer.CONSUMER),
                r -> key.equals(r.key()),
                Duration.ofSeconds(30));
        assertTrue(
                TestKafka.header(dead, DeadLetters.REASON_HEADER).contains("SQLState 22"),
                TestKafka.header(dead, DeadLetters.REASON_HEADER));
        String ready = given().get("/q/health/ready").then().extract().asString();
        assertTrue(ready.contains("telemetry-ingest.dead_lettered"), ready);
        String metrics = given().auth()
                .oauth2(TestTokens.issue("metrics-admin", "admin"))
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                metrics.contains("opsuite_consumer_dead_lettered_total{consumer=\"telemetry-ingest\"}"),
                "no DLQ counter");
    }

    private long count(String executionId) {
        return pool.preparedQuery("SELECT count(*) FROM executions WHERE execution_id = $1")
                .execute(Tuple.of(executionId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    private static TelemetryIngestEvent event(String executionId, String type) {
        Instant now = Instant.now();
        return TelemetryIngestEvent.newBuilder()
                .setRandomId(executionId)
                .setExecutionId(executionId)
                .setStatus("installing")
                .setType(type)
                .setNsapp("poison-test")
                .setProtocol("v2")
                .setReceivedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .build();
    }

    private static Map<String, String> headers() {
        return new CloudEvent(
                        UUID.randomUUID().toString(),
                        "telemetry-service",
                        "dev.opsuite.telemetry.ingested.v1",
                        Instant.now(),
                        "x",
                        "application/protobuf",
                        null,
                        null)
                .toHeaders();
    }
}
