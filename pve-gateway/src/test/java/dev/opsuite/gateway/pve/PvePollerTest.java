package dev.opsuite.gateway.pve;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.outbox.Outbox;
import dev.opsuite.devstack.pve.PveTestCluster;
import dev.opsuite.devstack.test.TestKafka;
import dev.opsuite.events.v1.PveEvent;
import dev.opsuite.gateway.pve.poller.ObservationStore;
import dev.opsuite.gateway.pve.poller.PollerLease;
import dev.opsuite.gateway.pve.poller.PvePoller;
import dev.opsuite.gateway.pve.suite.PveQueries;
import dev.opsuite.gateway.support.TestAuth;
import dev.opsuite.gateway.support.TestPve;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The poller publishes pve.events.v1 through the outbox, and only the replica holding the lease polls. */
@QuarkusTest
class PvePollerTest {
    private static final String TOPIC = "pve.events.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PvePoller poller;

    @Inject
    PollerLease lease;

    @Inject
    PveQueries queries;

    @Inject
    ObservationStore store;

    @Inject
    Outbox outbox;

    @Inject
    CloudEvents cloudEvents;

    @Inject
    Pool pool;

    @Inject
    PveConfig config;

    @Inject
    Scheduler scheduler;

    @Test
    void nodeOutagesTasksAndTheInventoryArePublishedAsProtobufCloudEvents() throws Exception {
        PveTestCluster pve = TestPve.registered();
        TestKafka kafka = new TestKafka(bootstrap);
        awaitLeader(poller);

        ConsumerRecord<String, byte[]> inventory = kafka.awaitRecord(
                TOPIC,
                // other tests register more clusters over the same PVE: this one's inventory
                r -> "dev.opsuite.pve.node_inventory.v1".equals(TestKafka.header(r, CloudEvent.H_TYPE))
                        && TestPve.CLUSTER.equals(parse(r.value()).getCluster()),
                Duration.ofSeconds(30));
        PveEvent inv = PveEvent.parseFrom(inventory.value());
        assertEquals(TestPve.CLUSTER, inv.getCluster());
        assertEquals("10.10.10.11", inv.getNodeInventory().getNodes(0).getIp());
        assertEquals("pve-gateway", TestKafka.header(inventory, CloudEvent.H_SOURCE));
        assertEquals("application/protobuf", TestKafka.header(inventory, CloudEvent.H_CONTENT_TYPE));

        pve.node(1).stop();
        try {
            ConsumerRecord<String, byte[]> offline = kafka.awaitRecord(
                    TOPIC,
                    r -> {
                        if (!"dev.opsuite.pve.node_status_changed.v1".equals(TestKafka.header(r, CloudEvent.H_TYPE))) {
                            return false;
                        }
                        PveEvent e = parse(r.value());
                        return e.getCluster().equals(TestPve.CLUSTER)
                                && e.getNodeStatusChanged().getNode().equals("pve2")
                                && !e.getNodeStatusChanged().getOnline();
                    },
                    Duration.ofSeconds(30));
            assertEquals(TestPve.CLUSTER + "/pve2", offline.key());
        } finally {
            pve.node(1).start();
        }

        String operator = TestAuth.tokenFor("operator");
        String upid = io.restassured.RestAssured.given()
                .auth()
                .oauth2(operator)
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("vmid", "7101", "name", "polled", "memory", "256"))
                .when()
                .post("/api2/json/nodes/pve1/qemu")
                .then()
                .statusCode(200)
                .extract()
                .path("data");
        ConsumerRecord<String, byte[]> finished = kafka.awaitRecord(
                TOPIC,
                r -> upid.equals(r.key())
                        && "dev.opsuite.pve.task_finished.v1".equals(TestKafka.header(r, CloudEvent.H_TYPE)),
                Duration.ofSeconds(30));
        PveEvent done = PveEvent.parseFrom(finished.value());
        assertEquals("OK", done.getTaskFinished().getExitStatus());
        assertEquals("qmcreate", done.getTaskFinished().getTaskType());
        kafka.awaitRecord(
                TOPIC,
                r -> upid.equals(r.key())
                        && "dev.opsuite.pve.task_started.v1".equals(TestKafka.header(r, CloudEvent.H_TYPE)),
                Duration.ofSeconds(5));
    }

    @Test
    void aSecondReplicaStandsByAndTakesOverWhenTheFirstStopsRenewing() throws Exception {
        awaitLeader(poller);
        PvePoller second = new PvePoller(queries, lease, store, outbox, cloudEvents, pool, config);
        tick(second);
        assertFalse(second.isLeader(), "the lease is held by the running poller");

        scheduler.pause();
        try {
            // the first replica stops renewing (paused = as good as dead); after the lease's TTL the second takes over
            long deadline = System.nanoTime()
                    + config.poller().leaseTtl().multipliedBy(4).toNanos();
            while (!second.isLeader() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                tick(second);
            }
            assertTrue(second.isLeader(), "the second replica took the lease over");
        } finally {
            scheduler.resume();
        }
        // the first replica comes back while the second renews: it stays on standby
        Thread.sleep(config.poller().interval().toMillis() * 2);
        tick(second);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (poller.isLeader() && System.nanoTime() < deadline) {
            tick(second);
            Thread.sleep(200);
        }
        assertFalse(poller.isLeader(), "the first replica lost the lease to the second");
        assertTrue(second.isLeader());
        // hand back: the second stops (clean shutdown releases the lease) and the first takes over
        lease.release("pve-poller", second.holder()).await().atMost(Duration.ofSeconds(5));
        awaitLeader(poller);
    }

    @Test
    void aTaskRunWhileNoReplicaPolledIsReportedOnceByTheReplicaTakingOver() throws Exception {
        TestPve.registered();
        awaitLeader(poller);
        awaitStoredObservation(TestPve.CLUSTER);
        PvePoller second = new PvePoller(queries, lease, store, outbox, cloudEvents, pool, config);
        String upid;
        scheduler.pause();
        try {
            // the holder is as good as dead (it keeps the lease until its TTL): a task starts and ends meanwhile
            String operator = TestAuth.tokenFor("operator");
            upid = given().auth()
                    .oauth2(operator)
                    .contentType("application/x-www-form-urlencoded")
                    .formParams(Map.of("vmid", "7177", "name", "gap", "memory", "256"))
                    .when()
                    .post("/api2/json/nodes/pve1/qemu")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("data");
            given().auth()
                    .oauth2(operator)
                    .when()
                    .get("/api/v1/pve/clusters/" + TestPve.CLUSTER + "/tasks/" + upid + "/wait?timeout=30")
                    .then()
                    .statusCode(200)
                    .body("exitstatus", equalTo("OK"));
            long deadline = System.nanoTime()
                    + config.poller().leaseTtl().multipliedBy(4).toNanos();
            while (!second.isLeader() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                tick(second);
            }
            assertTrue(second.isLeader(), "the second replica took the lease over");
        } finally {
            scheduler.resume();
        }
        // the first replica takes the lease back (from the second's stored observation) and polls a few rounds
        lease.release("pve-poller", second.holder()).await().atMost(Duration.ofSeconds(5));
        awaitLeader(poller);
        Thread.sleep(config.poller().interval().toMillis() * 3);

        Map<String, Integer> kinds = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : recordsOf(upid, Duration.ofSeconds(3))) {
            PveEvent event = parse(r.value());
            // other tests register more clusters over the same PVE, which see the task too
            if (event.getCluster().equals(TestPve.CLUSTER)) {
                kinds.merge(event.getKindCase().name(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("TASK_STARTED", 1, "TASK_FINISHED", 1), kinds, "events of " + upid);
    }

    /** Waits until the lease holder has stored an observation of {@code cluster}. */
    private void awaitStoredObservation(String cluster) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.load(cluster).await().atMost(Duration.ofSeconds(5)).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no observation of " + cluster + " was stored");
            Thread.sleep(100);
        }
    }

    /** Every record keyed {@code key} on the topic, read from the beginning until {@code quiet} passes without one. */
    private List<ConsumerRecord<String, byte[]>> recordsOf(String key, Duration quiet) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "poller-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long quietUntil = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < quietUntil) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    quietUntil = System.nanoTime() + quiet.toNanos();
                    if (key.equals(r.key())) {
                        matched.add(r);
                    }
                }
            }
        }
        return matched;
    }

    private static void tick(PvePoller p) throws Exception {
        var m = PvePoller.class.getDeclaredMethod("tick");
        m.setAccessible(true);
        ((io.smallrye.mutiny.Uni<?>) m.invoke(p)).await().atMost(Duration.ofSeconds(30));
    }

    private static void awaitLeader(PvePoller p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!p.isLeader()) {
            assertTrue(System.nanoTime() < deadline, "poller never took the lease");
            Thread.sleep(100);
        }
    }

    private static PveEvent parse(byte[] bytes) {
        try {
            return PveEvent.parseFrom(bytes);
        } catch (Exception e) {
            return PveEvent.getDefaultInstance();
        }
    }
}
