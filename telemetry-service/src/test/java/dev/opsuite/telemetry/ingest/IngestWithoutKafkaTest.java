package dev.opsuite.telemetry.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.telemetry.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The ingest producer points at a port where no broker listens (a real KafkaProducer that cannot
 * deliver): the endpoint must say 503 "server busy", never 202.
 */
@QuarkusTest
@TestProfile(IngestWithoutKafkaTest.DeadBroker.class)
class IngestWithoutKafkaTest {

    public static class DeadBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "opsuite.telemetry.ingest.bootstrap-servers",
                    "127.0.0.1:1",
                    "opsuite.telemetry.ingest.ack-timeout",
                    "1500ms");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void answers503ServerBusyWhenKafkaCannotAcknowledge() throws InterruptedException {
        String rid = UUID.randomUUID().toString();
        long started = System.nanoTime();
        given().header("X-Forwarded-For", "192.0.2.77")
                .contentType("application/json")
                .body("{\"random_id\":\"" + rid + "\",\"type\":\"lxc\",\"nsapp\":\"gitea\",\"status\":\"installing\"}")
                .post("/telemetry")
                .then()
                .statusCode(503)
                .contentType(startsWith("text/plain"))
                .body(equalTo("server busy"));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        // bounded by the ack timeout, not by the producer's own defaults (60 s to block, 120 s to deliver);
        // generous because a loaded machine takes seconds for the first request of a fresh JVM
        assertTrue(tookMs < 30_000, "took " + tookMs + " ms");
        Thread.sleep(500);
        assertEquals(0L, new TestDb(dataSource).count("SELECT count(*) FROM executions WHERE execution_id = ?", rid));
    }
}
