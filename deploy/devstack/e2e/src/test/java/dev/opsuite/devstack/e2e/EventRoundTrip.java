package dev.opsuite.devstack.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.devstack.ServiceDatabase;
import dev.opsuite.devstack.launcher.StackLauncher;
import dev.opsuite.devstack.test.TestKafka;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentFinished;
import dev.opsuite.events.v1.DeploymentStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The event path between two running services: a deployment's finish is committed to
 * deployment-service's outbox (as its domain code does, in its own schema under its own role), its
 * relay publishes it to {@code deployment.events.v1}, and telemetry-service's consumer applies it
 * through its inbox into its executions table.
 */
final class EventRoundTrip {
    private static final String TOPIC = "deployment.events.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceDatabase deployment;
    private final ServiceDatabase telemetry;
    private final TestKafka kafka;

    EventRoundTrip(StackLauncher stack) {
        this.deployment = stack.database("deployment");
        this.telemetry = stack.database("telemetry");
        this.kafka = new TestKafka(stack.devstack().kafkaBootstrapServers());
    }

    /** Commits a "deployment finished" event to deployment-service's outbox; returns its ce_id. */
    String commitFinishedDeployment(String deploymentId, String app) throws Exception {
        Map<String, String> headers = headers(deploymentId);
        try (Connection c = connect(deployment);
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO outbox (topic, record_key, headers, payload) VALUES (?, ?, ?::jsonb, ?)")) {
            insert.setString(1, TOPIC);
            insert.setString(2, deploymentId);
            insert.setString(3, JSON.writeValueAsString(headers));
            insert.setBytes(4, finished(deploymentId, app).toByteArray());
            insert.executeUpdate();
        }
        return headers.get(CloudEvent.H_ID);
    }

    boolean outboxRowPublished(String ceId) throws SQLException {
        try (Connection c = connect(deployment);
                PreparedStatement q = c.prepareStatement(
                        "SELECT published_at IS NOT NULL FROM outbox WHERE headers ->> 'ce_id' = ?")) {
            q.setString(1, ceId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Produces the already-published record again (same key, headers, payload), then a second
     * deployment's finish with the same record key, so it lands after the duplicate on the same
     * partition: once the second one is applied, the duplicate has been consumed. Returns the
     * second deployment's id.
     */
    String redeliverAndFollowWithSentinel(String ceId, String deploymentId) {
        ConsumerRecord<String, byte[]> published = kafka.awaitRecord(
                TOPIC, r -> ceId.equals(TestKafka.header(r, CloudEvent.H_ID)), Duration.ofSeconds(30));
        Map<String, String> headers = new HashMap<>();
        for (Header h : published.headers()) {
            headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        kafka.produce(TOPIC, published.key(), headers, published.value());

        String sentinel = deploymentId + "_s";
        kafka.produce(
                TOPIC,
                published.key(),
                headers(sentinel),
                finished(sentinel, "e2e-sentinel").toByteArray());
        return sentinel;
    }

    void awaitExecution(String executionId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (executions(executionId) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("telemetry recorded no execution " + executionId + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    int executions(String executionId) throws SQLException {
        return count("SELECT count(*) FROM executions WHERE execution_id = ?", executionId);
    }

    int inboxRows(String ceId) throws SQLException {
        return count("SELECT count(*) FROM inbox WHERE ce_id = ?", ceId);
    }

    String executionStatus(String executionId) throws SQLException {
        return text("SELECT status FROM executions WHERE execution_id = ?", executionId);
    }

    String executionType(String executionId) throws SQLException {
        return text("SELECT type FROM executions WHERE execution_id = ?", executionId);
    }

    private int count(String sql, String arg) throws SQLException {
        return Integer.parseInt(text(sql, arg));
    }

    private String text(String sql, String arg) throws SQLException {
        try (Connection c = connect(telemetry);
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, arg);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static Connection connect(ServiceDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private static Map<String, String> headers(String subject) {
        return new CloudEvent(
                        UUID.randomUUID().toString(),
                        "deployment-service",
                        "dev.opsuite.deployment.finished.v1",
                        Instant.now(),
                        subject,
                        CloudEvent.PROTOBUF,
                        null,
                        null)
                .toHeaders();
    }

    private static DeploymentEvent finished(String deploymentId, String app) {
        Instant ended = Instant.now();
        Instant started = ended.minusSeconds(42);
        return DeploymentEvent.newBuilder()
                .setDeploymentId(deploymentId)
                .setApp(app)
                .setEnvironment("production")
                .setMode("fallback")
                .setStatus(DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED)
                .setProgress(100)
                .setStartedAt(ts(started))
                .setOccurredAt(ts(ended))
                .setFinished(DeploymentFinished.newBuilder()
                        .setFinalStatus(DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED)
                        .setExitCode(0)
                        .setEndedAt(ts(ended))
                        .setDurationSeconds(42))
                .build();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.newBuilder()
                .setSeconds(i.getEpochSecond())
                .setNanos(i.getNano())
                .build();
    }
}
