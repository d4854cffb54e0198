package dev.opsuite.automation.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.ServiceReplica;
import dev.opsuite.automation.support.SshdNode;
import dev.opsuite.devstack.Devstack;
import dev.opsuite.devstack.ServiceDatabase;
import io.restassured.response.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real replicas of the packaged service (separate JVM processes) on one PostgreSQL and Kafka, and a
 * real sshd node: no occurrence of a schedule fires twice however many replicas look, and a replica killed
 * with SIGKILL mid-task leaves nothing behind that the survivor does not clean up. The kill runs last:
 * it ends replica A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {
    /** Short lease and periods so that a dead replica is noticed in seconds (production: 60 s, 10 s, 30 s). */
    static final Duration LEASE = Duration.ofSeconds(8);

    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final Duration RECONCILE = Duration.ofSeconds(2);
    static final String CLUSTER = "replicas-lab";

    static ServiceReplica a;
    static ServiceReplica b;
    static SshdNode node;
    static long credential;

    @BeforeAll
    static void startTwoReplicas() {
        node = SshdNode.start("replica-node");
        Map<String, String> settings = Map.of(
                "OPSUITE_AUTOMATION_OWNER_LEASE",
                LEASE.toSeconds() + "s",
                "OPSUITE_AUTOMATION_HEARTBEAT_EVERY",
                HEARTBEAT.toSeconds() + "s",
                "OPSUITE_AUTOMATION_RECONCILE_EVERY",
                RECONCILE.toSeconds() + "s",
                "OPSUITE_AUTOMATION_KILL_GRACE",
                "1s",
                // the test's webhook receiver listens on loopback
                "OPSUITE_OUTBOUND_ALLOW",
                "127.0.0.1",
                // a delivery the killed replica was sending is taken over after this
                "OPSUITE_AUTOMATION_WEBHOOK_LEASE",
                "5s");
        // one after the other: the first applies the migrations
        a = ServiceReplica.start("replica-a", settings).awaitReady(Duration.ofMinutes(3));
        b = ServiceReplica.start("replica-b", settings).awaitReady(Duration.ofMinutes(3));
        for (String feature : List.of("enabled", "ssh")) {
            Api.ok(a.as(Api.ADMIN).body(Map.of("enabled", true)).put("/api/v1/features/automation/" + feature));
        }
        a.as(Api.ADMIN).delete("/api/v1/automation/clusters/" + CLUSTER);
        Api.created(a.as(Api.ADMIN)
                .body(Map.of(
                        "name",
                        CLUSTER,
                        "host_key_policy",
                        "pinned",
                        "nodes",
                        List.of(Map.of(
                                "name",
                                node.name,
                                "host",
                                "127.0.0.1",
                                "port",
                                node.port,
                                "host_key_fingerprint",
                                node.fingerprint))))
                .post("/api/v1/automation/clusters"));
        Map<String, Object> key = new HashMap<>();
        key.put("name", "replicas-key-" + System.nanoTime());
        key.put("username", System.getProperty("user.name"));
        key.put("auth_type", "privatekey");
        key.put("private_key", SshdNode.clientKey().privateKey());
        credential = Api.created(a.as(Api.ADMIN).body(key).post("/api/v1/automation/credentials"))
                .<Integer>path("data.id")
                .longValue();
    }

    @AfterAll
    static void stopReplicas() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    @Order(1)
    void eachOccurrenceOfASchedulesFiresAtMostOnceWithOneRunAcrossTwoCompetingReplicas() throws Exception {
        // several schedules due at the same instants: while one replica fires some, the other's tick
        // finds the rest due, so both really compete for the same occurrences
        List<Long> schedules = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            schedules.add(Api.created(a.as(Api.OPERATOR)
                            .body(Map.of(
                                    "name",
                                    "every-2s-" + i + "-" + System.nanoTime(),
                                    "kind",
                                    "ssh",
                                    "cron",
                                    "*/2 * * * * ?",
                                    "request",
                                    Map.of(
                                            "cluster_name",
                                            CLUSTER,
                                            "target_nodes",
                                            List.of(node.name),
                                            "credential_id",
                                            credential,
                                            "command",
                                            "true")))
                            .post("/api/v1/automation/schedules"))
                    .<Integer>path("data.id")
                    .longValue());
        }
        Api.sleep(24_000);
        for (long id : schedules) {
            Api.ok(b.as(Api.OPERATOR).body(Map.of("enabled", false)).put("/api/v1/automation/schedules/" + id));
        }
        Api.sleep(3_000); // a firing claimed just before the switch records its run

        Set<String> firingReplicas = new HashSet<>();
        for (long id : schedules) {
            List<Firing> firings = firings(id);
            // 12 occurrences in 24 s; a replica that falls behind fires a late occurrence once and moves on
            // to the next future one (misfire_policy run_once), so on a loaded machine (two fresh JVMs,
            // PostgreSQL, Kafka and sshd on 2 shared cores) some are coalesced: liveness is only checked
            // loosely here, exactly-once strictly
            assertTrue(firings.size() >= 3, "schedule " + id + " fired only " + firings.size() + " times in 24 s");
            for (int i = 0; i < firings.size(); i++) {
                assertEquals(
                        0,
                        firings.get(i).occurrence().getSecond() % 2,
                        "an occurrence off the schedule's 2-second grid: " + firings);
                assertEquals(0, firings.get(i).occurrence().getNano(), "an occurrence off the grid: " + firings);
                if (i > 0) {
                    assertTrue(
                            firings.get(i)
                                    .occurrence()
                                    .isAfter(firings.get(i - 1).occurrence()),
                            "an occurrence of schedule " + id + " fired twice or out of order: " + firings);
                }
            }
            Set<String> tasks = new HashSet<>();
            for (Firing f : firings) {
                assertNotNull(f.taskId(), "a firing without its run: " + f);
                assertTrue(tasks.add(f.taskId()), "two firings share a run: " + firings);
                assertEquals(
                        List.of(f.instance()),
                        strings("SELECT owner_instance FROM tasks WHERE task_id = ?", f.taskId()),
                        "the run of " + f + " belongs to the replica that fired it");
                firingReplicas.add(f.instance());
            }
            assertEquals(
                    List.of(Integer.toString(firings.size())),
                    strings("SELECT count(*) FROM tasks WHERE user_id = ?", "schedule:" + id),
                    "runs started by schedule " + id + " vs its fired occurrences");
        }
        assertEquals(
                Set.of("replica-a", "replica-b"),
                firingReplicas,
                "both replicas fired occurrences (they competed for them)");
    }

    @Test
    @Order(2)
    void aReplicaKilledWithSigkillMidTaskIsCleanedUpByTheSurvivorWithinTheLease() throws Exception {
        // a webhook receiver that is down until replica A is dead: the started notification A queued
        // must survive A and reach the receiver through B, as must the failed one B writes
        AtomicBoolean receiverUp = new AtomicBoolean(false);
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean up = receiverUp.get();
            received.add(
                    new String[] {exchange.getRequestHeaders().getFirst("webhook-id"), body, up ? "ok" : "refused"});
            exchange.sendResponseHeaders(up ? 204 : 503, -1);
            exchange.close();
        });
        receiver.start();
        long subscription = Api.created(a.as(Api.ADMIN)
                        .body(Map.of(
                                "name",
                                "replica-hook-" + System.nanoTime(),
                                "url",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                                "kind",
                                "ssh",
                                "events",
                                List.of("started", "failed")))
                        .post("/api/v1/automation/notifications"))
                .<Integer>path("data.id")
                .longValue();
        try {
            killedMidTask(subscription, receiverUp, received);
        } finally {
            receiver.stop(0);
        }
    }

    private void killedMidTask(long subscription, AtomicBoolean receiverUp, List<String[]> received) throws Exception {
        String marker = "sleep 3613";
        String taskId = Api.ok(a.as(Api.OPERATOR)
                        .body(Map.of(
                                "cluster_name",
                                CLUSTER,
                                "target_nodes",
                                List.of(node.name),
                                "credential_id",
                                credential,
                                "command",
                                marker,
                                "exclusive",
                                true))
                        .post("/api/v1/automation/ssh/execute"))
                .path("data.task_id");
        long started = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Nodes.processRunning(marker) && System.nanoTime() < started) {
            Api.sleep(100);
        }
        assertTrue(Nodes.processRunning(marker), "the remote command did not start");
        assertEquals(
                "running",
                b.as(Api.VIEWER).get("/api/v1/automation/ssh/status/" + taskId).path("data.status"));
        assertEquals(List.of(node.name), strings("SELECT node FROM node_locks WHERE task_id = ?", taskId));

        long refusedBy = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.stream().noneMatch(r -> r[1].contains(taskId)) && System.nanoTime() < refusedBy) {
            Api.sleep(100);
        }
        assertTrue(
                received.stream().anyMatch(r -> r[1].contains(taskId) && r[2].equals("refused")),
                "the started notification was not attempted before the kill");

        a.kill9();
        long killed = System.nanoTime();
        receiverUp.set(true);
        assertTrue(Nodes.processRunning(marker), "the remote command must outlive its replica for this test");

        Response status = null;
        long deadline = killed + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            status = b.as(Api.VIEWER).get("/api/v1/automation/ssh/status/" + taskId);
            if ("failed".equals(status.path("data.status"))) {
                break;
            }
            Api.sleep(200);
        }
        Duration noticed = Duration.ofNanos(System.nanoTime() - killed);
        assertNotNull(status);
        assertEquals("failed", status.path("data.status"), status.asString());
        assertEquals("failure", status.path("data.outcome"));
        assertTrue(status.<String>path("data.error").startsWith("interrupted"), status.asString());
        assertTrue(status.<String>path("data.error").contains("replica-a"), status.asString());
        assertEquals("failed", status.path("data.results[0].status"));
        assertEquals("interrupted", status.path("data.results[0].message"));
        // the owner's last heartbeat was at most HEARTBEAT before the kill; the survivor looks every RECONCILE
        assertTrue(
                noticed.compareTo(LEASE.plus(RECONCILE).plusSeconds(3)) <= 0,
                "interrupted after " + noticed.toMillis() + " ms, lease " + LEASE.toMillis() + " ms");
        assertTrue(
                noticed.compareTo(LEASE.minus(HEARTBEAT).minusSeconds(1)) >= 0,
                "taken over after " + noticed.toMillis() + " ms, before the owner's lease could have run out");

        assertEquals(List.of(), strings("SELECT node FROM node_locks WHERE task_id = ?", taskId), "locks released");
        long gone = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (Nodes.processRunning(marker) && System.nanoTime() < gone) {
            Api.sleep(100);
        }
        assertFalse(Nodes.processRunning(marker), "the dead replica's remote command still runs on the node");

        // the node is free again: an exclusive run on the survivor starts and completes at once
        String next = Api.ok(b.as(Api.OPERATOR)
                        .body(Map.of(
                                "cluster_name",
                                CLUSTER,
                                "target_nodes",
                                List.of(node.name),
                                "credential_id",
                                credential,
                                "command",
                                "echo after",
                                "exclusive",
                                true))
                        .post("/api/v1/automation/ssh/execute"))
                .path("data.task_id");
        Response after = waitDone(next);
        assertEquals("completed", after.path("data.status"), after.asString());
        assertEquals("after\n", after.path("data.results[0].stdout"));
        assertTrue(b.alive(), "the survivor kept running");

        // both notifications of the killed task were delivered after the kill, each under one webhook-id
        long delivered = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Map<String, Object>> deliveries = List.of();
        while (System.nanoTime() < delivered) {
            List<Map<String, Object>> all = b.as(Api.ADMIN)
                    .get("/api/v1/automation/notifications/" + subscription + "/deliveries")
                    .path("data");
            // the follow-up run on B has its own started notification
            deliveries =
                    all.stream().filter(d -> taskId.equals(d.get("task_id"))).toList();
            if (deliveries.size() == 2 && deliveries.stream().allMatch(d -> "delivered".equals(d.get("status")))) {
                break;
            }
            Api.sleep(250);
        }
        assertEquals(2, deliveries.size(), deliveries.toString());
        Map<String, Map<String, Object>> byEvent = new HashMap<>();
        for (Map<String, Object> d : deliveries) {
            assertEquals("delivered", d.get("status"), deliveries.toString());
            assertEquals(taskId, d.get("task_id"));
            byEvent.put((String) d.get("event"), d);
        }
        assertEquals(Set.of("started", "failed"), byEvent.keySet());
        String startedId = (String) byEvent.get("started").get("webhook_id");
        // refused while A lived (an attempt cut short by the kill is not counted: its lease runs out)
        assertTrue(
                received.stream().anyMatch(r -> r[0].equals(startedId) && r[2].equals("refused")),
                "the started delivery was not refused before the kill");
        assertTrue((Integer) byEvent.get("started").get("attempts") >= 1, deliveries.toString());
        for (Map<String, Object> d : deliveries) {
            String webhookId = (String) d.get("webhook_id");
            List<String[]> accepted = received.stream()
                    .filter(r -> r[0].equals(webhookId) && r[2].equals("ok"))
                    .toList();
            assertEquals(1, accepted.size(), "delivery " + d + " accepted " + accepted.size() + " times");
        }
        String failedBody = received.stream()
                .filter(r -> r[0].equals(byEvent.get("failed").get("webhook_id")))
                .findFirst()
                .orElseThrow()[1];
        assertTrue(failedBody.contains("\"type\":\"automation.task.failed\""), failedBody);
        assertTrue(failedBody.contains("interrupted"), failedBody);
    }

    private Response waitDone(String taskId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response r = null;
        while (System.nanoTime() < deadline) {
            r = b.as(Api.VIEWER).get("/api/v1/automation/ssh/status/" + taskId);
            if (Set.of("completed", "failed", "cancelled").contains(r.<String>path("data.status"))) {
                return r;
            }
            Api.sleep(100);
        }
        throw new AssertionError("task " + taskId + " did not finish: " + (r == null ? "" : r.asString()));
    }

    record Firing(OffsetDateTime occurrence, String instance, String taskId) {}

    private static List<Firing> firings(long scheduleId) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps =
                        c.prepareStatement("SELECT occurrence, instance_id, task_id FROM schedule_firings "
                                + "WHERE schedule_id = ? ORDER BY occurrence")) {
            ps.setLong(1, scheduleId);
            List<Firing> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Firing(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        }
    }

    private static List<String> strings(String sql, Object... args) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static Connection connect() throws SQLException {
        ServiceDatabase db = Devstack.shared().ensureSchema("automation", "automation");
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
