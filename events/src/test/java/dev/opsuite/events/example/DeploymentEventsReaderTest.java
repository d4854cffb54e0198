package dev.opsuite.events.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Timestamp;
import dev.opsuite.devstack.kafka.KafkaBroker;
import dev.opsuite.events.example.DeploymentEventsReader.Received;
import dev.opsuite.events.example.DeploymentEventsReader.Rejected;
import dev.opsuite.events.v1.DeploymentAccepted;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentFinished;
import dev.opsuite.events.v1.DeploymentStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README example against a real Kafka broker (devstack's), fed records shaped like the suite's. */
class DeploymentEventsReaderTest {
    @TempDir
    static Path dir;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startEphemeral(dir.resolve("kafka"), dir.resolve("kafka.log"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void readsHeadersAndPayloadsInOrderPerDeploymentToleratesNewerFieldsAndSetsAsideUnreadableRecords()
            throws Exception {
        String acceptedId = UUID.randomUUID().toString();
        String finishedId = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-12-02T02:00:00.123456Z");
        DeploymentEvent accepted = DeploymentEvent.newBuilder()
                .setDeploymentId("d-1")
                .setApp("shop")
                .setEnvironment("prod")
                .setMode("docker")
                .setStatus(DeploymentStatus.DEPLOYMENT_STATUS_ACCEPTED)
                .setAccepted(DeploymentAccepted.newBuilder().setRequestedMode("auto"))
                .build();
        DeploymentEvent finished = DeploymentEvent.newBuilder()
                .setDeploymentId("d-1")
                .setApp("shop")
                .setStatus(DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED)
                .setProgress(100)
                .setFinished(DeploymentFinished.newBuilder()
                        .setFinalStatus(DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED)
                        .setEndedAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond())))
                .build();

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            List<ProducerRecord<String, byte[]>> records = List.of(
                    record("d-1", accepted.toByteArray(), ceHeaders(acceptedId, "accepted", "d-1", at)),
                    // a producer a schema version ahead: field 99 is unknown to these classes
                    record("d-1", withUnknownField99(finished), ceHeaders(finishedId, "finished", "d-1", at)),
                    // truncated protobuf: says 5 bytes of field 1 follow, has 1
                    record(
                            "d-2",
                            new byte[] {0x0A, 0x05, 'x'},
                            ceHeaders(UUID.randomUUID().toString(), "finished", "d-2", at)),
                    record("d-3", accepted.toByteArray(), new RecordHeaders()));
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r).get(30, TimeUnit.SECONDS);
            }
        }

        List<Received> received = new ArrayList<>();
        List<Rejected> rejected;
        try (DeploymentEventsReader reader = new DeploymentEventsReader(broker.bootstrapServers(), "readme-example")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((received.size() < 2 || reader.rejected().size() < 2) && System.nanoTime() < deadline) {
                received.addAll(reader.poll(Duration.ofMillis(500)));
            }
            rejected = reader.rejected();
        }

        assertEquals(2, received.size(), () -> "received " + received);
        Received first = received.get(0);
        assertEquals("d-1", first.key());
        assertEquals(acceptedId, first.id());
        assertEquals("dev.opsuite.deployment.accepted.v1", first.type());
        assertEquals("deployment-service", first.source());
        assertEquals(at, first.time());
        assertEquals("auto", first.event().getAccepted().getRequestedMode());
        assertEquals(DeploymentEvent.KindCase.ACCEPTED, first.event().getKindCase());

        Received second = received.get(1);
        assertEquals(finishedId, second.id());
        assertEquals("dev.opsuite.deployment.finished.v1", second.type());
        assertEquals(
                DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED,
                second.event().getFinished().getFinalStatus());
        assertEquals(100, second.event().getProgress());
        // the newer field is kept, not an error: old consumers keep working when fields are added
        assertEquals(
                ByteString.copyFromUtf8("from the future"),
                second.event()
                        .getUnknownFields()
                        .getField(99)
                        .getLengthDelimitedList()
                        .get(0));

        assertEquals(
                List.of("d-2", "d-3"),
                rejected.stream().map(Rejected::key).sorted().toList());
        Rejected headerless =
                rejected.stream().filter(r -> r.key().equals("d-3")).findFirst().orElseThrow();
        assertEquals("not a CloudEvent: ce_id, ce_type and ce_time are required", headerless.reason());
        assertTrue(
                rejected.stream()
                        .filter(r -> r.key().equals("d-2"))
                        .allMatch(r -> r.reason().contains("truncated")),
                rejected::toString);
        assertNull(
                received.stream().filter(r -> r.key().equals("d-2")).findAny().orElse(null));
    }

    private static ProducerRecord<String, byte[]> record(String key, byte[] value, RecordHeaders headers) {
        return new ProducerRecord<>(DeploymentEventsReader.TOPIC, null, key, value, headers);
    }

    /** The headers deployment-service writes (common-lib's CloudEvent.toHeaders). */
    private static RecordHeaders ceHeaders(String id, String event, String subject, Instant time) {
        RecordHeaders h = new RecordHeaders();
        add(h, "ce_specversion", "1.0");
        add(h, "ce_id", id);
        add(h, "ce_source", "deployment-service");
        add(h, "ce_type", "dev.opsuite.deployment." + event + ".v1");
        add(h, "ce_time", time.toString());
        add(h, "ce_subject", subject);
        add(h, "content-type", "application/protobuf");
        return h;
    }

    private static void add(RecordHeaders h, String name, String value) {
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] withUnknownField99(DeploymentEvent event) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        event.writeTo(out);
        out.writeString(99, "from the future");
        out.flush();
        return bytes.toByteArray();
    }
}
