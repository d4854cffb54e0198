package dev.opsuite.telemetry.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opsuite.devstack.FreePorts;
import dev.opsuite.devstack.kafka.KafkaBroker;
import dev.opsuite.telemetry.TestDb;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The ingest buffer's broker is stopped while the service runs: reports get 503 "server busy" (never
 * 202), and once the broker is back every report that was answered 202 — before the outage and
 * after it — is in PostgreSQL. The service uses a broker of its own here (same data directory and
 * ports across the restart), so the rest of the suite's broker is untouched.
 */
@QuarkusTest
@TestProfile(IngestBrokerOutageTest.OwnBroker.class)
class IngestBrokerOutageTest {

    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartableBroker.class));
        }
    }

    /** A persistent broker the test can stop and start again on the same ports and data. */
    public static class RestartableBroker implements QuarkusTestResourceLifecycleManager {
        static Path dir;
        static int port;
        static int controllerPort;
        static volatile KafkaBroker broker;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory("telemetry-outage-broker");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            int[] ports = FreePorts.pick(2);
            port = ports[0];
            controllerPort = ports[1];
            startBroker();
            return Map.of(
                    "opsuite.telemetry.ingest.bootstrap-servers",
                    broker.bootstrapServers(),
                    "opsuite.telemetry.ingest.ack-timeout",
                    "2s",
                    "mp.messaging.incoming.telemetry-ingest.bootstrap.servers",
                    broker.bootstrapServers());
        }

        static void startBroker() {
            broker = KafkaBroker.startPersistent(dir, port, controllerPort, dir.resolve("broker.log"));
        }

        static void stopBroker() {
            broker.close();
        }

        @Override
        public void stop() {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void answers503WhileTheBrokerIsDownAndLosesNothingItAccepted() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = run + "-before-" + i;
            report(id).then().statusCode(202).body(equalTo("accepted"));
            accepted.add(id);
        }

        RestartableBroker.stopBroker();
        Response duringOutage = report(run + "-during");
        assertEquals(503, duringOutage.statusCode(), duringOutage.asString());
        assertEquals("server busy", duringOutage.asString());
        assertEquals("5", duringOutage.header("Retry-After"));

        RestartableBroker.startBroker();
        // the producer reconnects by itself: reports are accepted again
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int after = 0;
        while (System.nanoTime() < deadline && after < 5) {
            String id = run + "-after-" + after;
            Response r = report(id);
            if (r.statusCode() == 202) {
                accepted.add(id);
                after++;
            } else {
                assertEquals(503, r.statusCode(), r.asString()); // nothing else while it reconnects
                Thread.sleep(500);
            }
        }
        assertEquals(5, after, "reports are accepted again once the broker is back");

        TestDb db = new TestDb(dataSource);
        TestDb.await(
                "every accepted report stored",
                () -> accepted.stream()
                        .allMatch(id -> db.count("SELECT count(*) FROM executions WHERE execution_id = ?", id) == 1));
    }

    private static Response report(String id) {
        return given().header("X-Forwarded-For", "198.51.100." + (Math.abs(id.hashCode()) % 250 + 1))
                .contentType("application/json")
                .body("{\"random_id\":\"" + id + "\",\"execution_id\":\"" + id
                        + "\",\"type\":\"lxc\",\"nsapp\":\"gitea\",\"status\":\"installing\",\"disk_size\": 8G}")
                .post("/telemetry");
    }
}
