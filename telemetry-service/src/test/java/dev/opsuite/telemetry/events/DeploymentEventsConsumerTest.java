package dev.opsuite.telemetry.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.inbox.DeadLetters;
import dev.opsuite.devstack.test.TestKafka;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentFinished;
import dev.opsuite.events.v1.DeploymentProgressed;
import dev.opsuite.events.v1.DeploymentStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeploymentEventsConsumerTest {
    private static final String TOPIC = "deployment.events.v1";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void recordsAFinishedDeploymentOnceEvenWhenDeliveredTwice() {
        TestKafka kafka = new TestKafka(bootstrap);
        String id = "fallback_20261122_101500_" + hex8();
        String app = "shop-api-" + hex8();
        Instant started = Instant.parse("2026-11-22T10:15:00Z");
        Instant ended = Instant.parse("2026-11-22T10:16:05Z");
        DeploymentEvent finished =
                finished(id, app, DeploymentStatus.DEPLOYMENT_STATUS_FAILED, started, ended, 3, "pip install failed");
        Map<String, String> headers = headers("finished", id);

        kafka.produce(TOPIC, id, headers, finished.toByteArray());
        kafka.produce(TOPIC, id, headers, finished.toByteArray()); // the same event (same ce_id) again
        // A later event of another deployment on the same partition (same record key): once it is
        // recorded, both deliveries before it have been consumed.
        String sentinel = "fallback_20261122_101600_" + hex8();
        kafka.produce(
                TOPIC,
                id,
                headers("finished", sentinel),
                finished(sentinel, app, DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED, started, ended, 0, "")
                        .toByteArray());

        awaitExecution(sentinel);
        Row row = single("SELECT * FROM executions WHERE execution_id = $1", id);
        assertEquals("deployment", row.getString("type"));
        assertEquals(app, row.getString("nsapp"));
        assertEquals("failed", row.getString("status"));
        assertEquals(3, row.getInteger("exit_code"));
        assertEquals("pip install failed", row.getString("error"));
        assertEquals(65, row.getInteger("install_duration"));
        assertEquals(started, row.getOffsetDateTime("started_at").toInstant());
        assertEquals(ended, row.getOffsetDateTime("finished_at").toInstant());
        assertEquals(
                1L,
                count(
                        "SELECT count(*) FROM inbox WHERE consumer = 'telemetry-deployments' AND ce_id = $1",
                        headers.get(CloudEvent.H_ID)));

        Row ok = single("SELECT * FROM executions WHERE execution_id = $1", sentinel);
        assertEquals("success", ok.getString("status"));
        assertNull(ok.getString("error"));

        // the rollups the dashboard reads, written in the same (JDBC) transactions
        assertEquals(
                1L, count("SELECT sum(executions) FROM rollup_apps_daily WHERE nsapp = $1 AND status = 'failed'", app));
        assertEquals(
                1L,
                count("SELECT sum(executions) FROM rollup_apps_daily WHERE nsapp = $1 AND status = 'success'", app));
        assertEquals(130L, count("SELECT sum(duration_sum) FROM rollup_apps_daily WHERE nsapp = $1", app));
        assertEquals(
                2L,
                count(
                        "SELECT sum(executions) FROM rollup_daily WHERE nsapp = $1 AND dim = 'type' AND val = 'deployment'",
                        app));
    }

    @Test
    void ignoresEventsThatAreNotFinishes() {
        TestKafka kafka = new TestKafka(bootstrap);
        String id = "uv_20261122_110000_" + hex8();
        DeploymentEvent progressed = DeploymentEvent.newBuilder()
                .setDeploymentId(id)
                .setApp("docs")
                .setStatus(DeploymentStatus.DEPLOYMENT_STATUS_RUNNING)
                .setProgress(40)
                .setProgressed(
                        DeploymentProgressed.newBuilder().setCompletedSteps(2).setTotalSteps(5))
                .build();
        kafka.produce(TOPIC, id, headers("progressed", id), progressed.toByteArray());
        String sentinel = "uv_20261122_110001_" + hex8();
        Instant now = Instant.now();
        kafka.produce(
                TOPIC,
                id,
                headers("finished", sentinel),
                finished(sentinel, "docs", DeploymentStatus.DEPLOYMENT_STATUS_CANCELLED, now, now, 0, "")
                        .toByteArray());

        awaitExecution(sentinel);
        assertEquals(0L, count("SELECT count(*) FROM executions WHERE execution_id = $1", id));
        Row cancelled = single("SELECT * FROM executions WHERE execution_id = $1", sentinel);
        assertEquals("aborted", cancelled.getString("status"));
        assertEquals("user_aborted", cancelled.getString("error_category"));
    }

    @Test
    void sendsAPoisonMessageToTheDeadLetterTopicAndGoesOn() {
        TestKafka kafka = new TestKafka(bootstrap);
        String id = "docker_20261122_120000_" + hex8();
        Map<String, String> poison = headers("finished", id);
        kafka.produce(TOPIC, id, poison, "definitely not protobuf \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
        String next = "docker_20261122_120001_" + hex8();
        Instant now = Instant.now();
        kafka.produce(
                TOPIC,
                id,
                headers("finished", next),
                finished(next, "grafana", DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED, now, now, 0, "")
                        .toByteArray());

        var dead = kafka.awaitRecord(
                "telemetry-deployments.dlq.v1",
                r -> poison.get(CloudEvent.H_ID).equals(TestKafka.header(r, CloudEvent.H_ID)),
                Duration.ofSeconds(30));
        assertTrue(
                TestKafka.header(dead, DeadLetters.REASON_HEADER).contains("not a valid DeploymentEvent"),
                () -> "reason: " + TestKafka.header(dead, DeadLetters.REASON_HEADER));
        awaitExecution(next);
        assertEquals(0L, count("SELECT count(*) FROM executions WHERE execution_id = $1", id));
    }

    private static DeploymentEvent finished(
            String id,
            String app,
            DeploymentStatus status,
            Instant started,
            Instant ended,
            int exitCode,
            String error) {
        return DeploymentEvent.newBuilder()
                .setDeploymentId(id)
                .setApp(app)
                .setEnvironment("production")
                .setMode("fallback")
                .setStatus(status)
                .setProgress(100)
                .setStartedAt(ts(started))
                .setOccurredAt(ts(ended))
                .setFinished(DeploymentFinished.newBuilder()
                        .setFinalStatus(status)
                        .setExitCode(exitCode)
                        .setEndedAt(ts(ended))
                        .setDurationSeconds(Duration.between(started, ended).toMillis() / 1000.0)
                        .setError(error))
                .build();
    }

    private static Map<String, String> headers(String event, String subject) {
        return new CloudEvent(
                        UUID.randomUUID().toString(),
                        "deployment-service",
                        "dev.opsuite.deployment." + event + ".v1",
                        Instant.now(),
                        subject,
                        CloudEvent.PROTOBUF,
                        null,
                        null)
                .toHeaders();
    }

    private void awaitExecution(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("SELECT count(*) FROM executions WHERE execution_id = $1", id) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("execution " + id + " was not recorded within 30 s");
            }
            sleep();
        }
    }

    private long count(String sql, String arg) {
        return single(sql, arg).getLong(0);
    }

    private Row single(String sql, String arg) {
        RowSet<Row> rows =
                pool.preparedQuery(sql).execute(Tuple.of(arg)).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, rows.size(), () -> "expected one row for " + sql + " [" + arg + "]");
        return rows.iterator().next();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.newBuilder()
                .setSeconds(i.getEpochSecond())
                .setNanos(i.getNano())
                .build();
    }

    private static String hex8() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
