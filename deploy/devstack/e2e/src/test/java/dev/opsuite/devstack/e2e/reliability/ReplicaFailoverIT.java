package dev.opsuite.devstack.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsuite.devstack.e2e.reliability.FollowClients.ProgressSocket;
import dev.opsuite.devstack.e2e.reliability.FollowClients.SseEvent;
import dev.opsuite.devstack.launcher.ReplicatedStack;
import dev.opsuite.events.v1.DeploymentEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two gateways in front of two deployment-service instances, on one PostgreSQL and one Kafka (issue
 * 14, items 4 and 5): a client may land on any gateway and any replica, and a replica may die.
 * The replica is killed in the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaFailoverIT {
    /** The lease: a deployment whose replica has not checked in for this long is another replica's to fail. */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(8);

    static final Duration RECLAIM_INTERVAL = Duration.ofSeconds(1);

    static ReliabilityStack stack;
    static ReplicatedStack replicas;

    @BeforeAll
    static void launch() {
        stack = ReliabilityStack.start(
                "failover",
                Map.of("gateway", 2, "deployment", 2),
                "-Dopsuite.deployment.heartbeat-timeout=" + HEARTBEAT_TIMEOUT.toSeconds() + "s",
                "-Dopsuite.deployment.reclaim-interval=" + RECLAIM_INTERVAL.toSeconds() + "s");
        replicas = stack.replicas();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aSessionFromOneGatewayIsAcceptedByTheOtherAndItsLogoutIsHonouredByBothAndByTheServices() throws Exception {
        String a = replicas.gatewayUrl(0);
        String b = replicas.gatewayUrl(1);
        String token = stack.login(a);

        HttpResponse<String> me = stack.call(b, "GET", "/api/v1/auth/me", token, null);
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(
                "admin",
                ReliabilityStack.JSON.readTree(me.body()).at("/data/username").asText());
        // through either gateway to either deployment replica (round-robin: two calls per gateway)
        for (String gateway : List.of(a, a, b, b)) {
            HttpResponse<String> listed = stack.call(gateway, "GET", "/api/deployment/apps", token, null);
            assertEquals(200, listed.statusCode(), gateway + ": " + listed.body());
        }
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> direct =
                    stack.call(replicas.instanceUrl("deployment", i), "GET", "/api/deployment/apps", token, null);
            assertEquals(200, direct.statusCode(), "deployment-" + i + " refused a token gateway A issued");
        }

        HttpResponse<String> logout = stack.call(b, "POST", "/api/v1/auth/logout", token, null);
        assertEquals(200, logout.statusCode(), logout.body());
        long revokedAt = System.nanoTime();

        // the gateways check the shared revocation table on every request: refused at once
        for (String gateway : List.of(a, b)) {
            assertEquals(
                    401,
                    stack.call(gateway, "GET", "/api/v1/auth/me", token, null).statusCode(),
                    gateway);
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> routed = stack.call(gateway, "GET", "/api/deployment/apps", token, null);
                assertEquals(401, routed.statusCode(), gateway + " forwarded a revoked token: " + routed.body());
            }
        }
        // the services learn it from gateway.revocations.v1, each replica reading the whole topic
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            String direct = replicas.instanceUrl("deployment", i);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int status;
            do {
                status = stack.call(direct, "GET", "/api/deployment/apps", token, null)
                        .statusCode();
                if (status != 401) {
                    Thread.sleep(100);
                }
            } while (status != 401 && System.nanoTime() < deadline);
            assertEquals(401, status, "deployment-" + i + " still accepts a token logged out on gateway B");
            seconds.put("deployment-" + i, (System.nanoTime() - revokedAt) / 1e9);
        }
        System.out.printf("[failover] logout on gateway B refused by both deployment replicas after %s s%n", seconds);

        // and a fresh login on B works on A: the gateways sign with one key
        String fresh = stack.login(b);
        assertEquals(200, stack.call(a, "GET", "/api/v1/auth/me", fresh, null).statusCode());
    }

    @Test
    @Order(2)
    void aUserDemotedThroughOneGatewayLosesTheOldRoleThroughTheOtherAndInTheServices() throws Exception {
        String a = replicas.gatewayUrl(0);
        String b = replicas.gatewayUrl(1);
        String admin = stack.login(a);
        String username = "replica-op-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "Replica-" + UUID.randomUUID();
        HttpResponse<String> created = stack.call(
                a,
                "POST",
                "/api/v1/auth/users",
                admin,
                ReliabilityStack.JSON.writeValueAsString(
                        Map.of("username", username, "password", password, "role", "operator")));
        assertEquals(201, created.statusCode(), created.body());
        long id = ReliabilityStack.JSON.readTree(created.body()).at("/data/id").asLong();
        String operator = stack.login(a, username, password);
        HttpResponse<String> me = stack.call(b, "GET", "/api/v1/auth/me", operator, null);
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(
                "operator",
                ReliabilityStack.JSON.readTree(me.body()).at("/data/role").asText());
        String direct = replicas.instanceUrl("deployment", 0);
        assertEquals(
                200,
                stack.call(direct, "GET", "/api/deployment/apps", operator, null)
                        .statusCode());

        HttpResponse<String> demoted = stack.call(b, "PUT", "/api/v1/auth/users/" + id, admin, "{\"role\":\"viewer\"}");
        assertEquals(200, demoted.statusCode(), demoted.body());
        // the token carries the old role: gateway A refuses it at once, the service once the event arrives
        assertEquals(
                401, stack.call(a, "GET", "/api/v1/auth/me", operator, null).statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = stack.call(direct, "GET", "/api/deployment/apps", operator, null)
                    .statusCode();
            if (status != 401) {
                Thread.sleep(100);
            }
        } while (status != 401 && System.nanoTime() < deadline);
        assertEquals(401, status, "deployment-0 still accepts the operator token of a user demoted on gateway B");
        // a new session has the new role, on either gateway
        String viewer = stack.login(b, username, password);
        HttpResponse<String> now = stack.call(a, "GET", "/api/v1/auth/me", viewer, null);
        assertEquals(
                "viewer",
                ReliabilityStack.JSON.readTree(now.body()).at("/data/role").asText());
    }

    @Test
    @Order(3)
    void logFollowersAndProgressSocketsSeeTheWholeDeploymentWhicheverReplicaAndGatewayTheyLandOn() throws Exception {
        String a = replicas.gatewayUrl(0);
        String b = replicas.gatewayUrl(1);
        String token = stack.login(a);
        int port = ReliabilityStack.freePort();
        String app = stack.registerWarmingApp(
                "follow-" + UUID.randomUUID().toString().substring(0, 6), port);
        int warmLines = 40; // about 8 s of log lines while the health check waits

        try (ProgressSocket onA = ProgressSocket.subscribeDeployments(stack.http(), a, token);
                ProgressSocket onB = ProgressSocket.subscribeDeployments(stack.http(), b, token)) {
            HttpResponse<String> accepted = stack.call(
                    a, "POST", "/api/deployments", token, ReliabilityStack.warmingDeploymentBody(app, port, warmLines));
            assertEquals(202, accepted.statusCode(), accepted.body());
            String id = ReliabilityStack.JSON
                    .readTree(accepted.body())
                    .get("deployment_id")
                    .asText();
            String owner = awaitOwner(id);
            int ownerIndex = owner.equals(ReplicatedStack.instanceId("deployment", 0)) ? 0 : 1;

            // followers while it runs: directly on the replica that does not run it and on the one
            // that does, and two through each gateway (round-robin puts one on each replica)
            Map<String, CompletableFuture<List<SseEvent>>> followers = new LinkedHashMap<>();
            followers.put(
                    "other replica directly",
                    FollowClients.followLog(
                            stack.http(), replicas.instanceUrl("deployment", 1 - ownerIndex), token, id));
            followers.put(
                    "owner directly",
                    FollowClients.followLog(stack.http(), replicas.instanceUrl("deployment", ownerIndex), token, id));
            for (int i = 0; i < 2; i++) {
                followers.put("gateway A #" + i, FollowClients.followLog(stack.http(), a, token, id));
                followers.put("gateway B #" + i, FollowClients.followLog(stack.http(), b, token, id));
            }
            String statusWhileFollowing = stack.text("deployment", "SELECT status FROM deployments WHERE id = ?", id);
            assertTrue(
                    Set.of("accepted", "running").contains(statusWhileFollowing),
                    "the followers should join a running deployment, it is " + statusWhileFollowing);

            assertEquals("completed", stack.awaitTerminal(id, Duration.ofSeconds(180)));
            List<String> stored = stack.strings(
                    "deployment", "SELECT line FROM deployment_logs WHERE deployment_id = ? ORDER BY line_no", id);
            for (int i = 0; i < warmLines; i++) {
                assertTrue(stored.contains("warming " + i), "the app's line 'warming " + i + "' is not stored");
            }

            for (Map.Entry<String, CompletableFuture<List<SseEvent>>> follower : followers.entrySet()) {
                List<SseEvent> events = follower.getValue().get(60, TimeUnit.SECONDS);
                List<String> lines = new ArrayList<>();
                for (SseEvent e : events) {
                    if ("log".equals(e.name())) {
                        JsonNode line = ReliabilityStack.JSON.readTree(e.data());
                        assertEquals(
                                lines.size(),
                                line.get("offset").asLong(),
                                follower.getKey() + ": offsets out of order or with a gap");
                        assertEquals(Long.toString(lines.size()), e.id());
                        lines.add(line.get("line").asText());
                    }
                }
                assertEquals(stored, lines, follower.getKey() + " saw another log than the stored one");
                SseEvent end = events.get(events.size() - 1);
                assertEquals("end", end.name(), follower.getKey());
                assertEquals(
                        "completed",
                        ReliabilityStack.JSON.readTree(end.data()).get("status").asText(),
                        follower.getKey());
            }

            // both gateways' sockets get the deployment's whole progress, whichever gateway started it
            for (ProgressSocket socket : List.of(onA, onB)) {
                socket.await(
                        m -> id.equals(m.path("task_id").asText())
                                && "complete".equals(m.path("type").asText()),
                        Duration.ofSeconds(30));
            }
            Thread.sleep(1000); // a late duplicate would arrive now
            List<String> seenOnA = summary(onA.of(id));
            List<String> seenOnB = summary(onB.of(id));
            assertEquals(seenOnA, seenOnB, "the two gateways' sockets saw different progress");
            assertEquals(
                    1,
                    seenOnB.stream().filter(m -> m.startsWith("complete")).count(),
                    "one complete message: " + seenOnB);
            assertTrue(seenOnB.size() >= 3, "progress before the end: " + seenOnB);
            System.out.printf(
                    "[failover] deployment %s ran on %s; %d stored log lines, the same on %d SSE followers; %d progress"
                            + " messages, the same on both gateways' sockets%n",
                    id, owner, stored.size(), followers.size(), seenOnB.size());
        }
    }

    private static List<String> summary(List<JsonNode> messages) {
        return messages.stream()
                .map(m -> m.path("type").asText() + " " + m.path("progress").asInt() + " "
                        + m.path("message").asText())
                .toList();
    }

    @Test
    @Order(4)
    void aReplicaKilledMidDeploymentHasItsDeploymentFailedAsInterruptedByTheSurvivorWithinTheLease() throws Exception {
        String token = stack.login(replicas.gatewayUrl(1));
        int port = ReliabilityStack.freePort();
        String app = stack.registerWarmingApp(
                "killed-" + UUID.randomUUID().toString().substring(0, 6), port);
        // warms up for hours: the deployment stays in its health check until the replica dies
        HttpResponse<String> accepted = stack.call(
                replicas.gatewayUrl(1),
                "POST",
                "/api/deployments",
                token,
                ReliabilityStack.warmingDeploymentBody(app, port, 100_000));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = ReliabilityStack.JSON
                .readTree(accepted.body())
                .get("deployment_id")
                .asText();
        String owner = awaitOwner(id);
        int ownerIndex = owner.equals(ReplicatedStack.instanceId("deployment", 0)) ? 0 : 1;
        stack.awaitCount(
                "deployment",
                "SELECT count(*) FROM deployment_logs WHERE deployment_id = ? AND line = 'warming 5'",
                id,
                1,
                Duration.ofSeconds(120));
        assertEquals("running", stack.text("deployment", "SELECT status FROM deployments WHERE id = ?", id));
        // the app the dead replica started keeps running (here, not in a pod): the test stops it
        List<String> started =
                stack.strings("deployment", "SELECT pid::text FROM deployment_processes WHERE deployment_id = ?", id);
        assertTrue(!started.isEmpty(), "the running app's process is recorded");

        long killedAt = System.nanoTime();
        replicas.kill("deployment", ownerIndex);
        try {
            String status = stack.awaitTerminal(id, HEARTBEAT_TIMEOUT.plusSeconds(60));
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            assertEquals("failed", status);
            HttpResponse<String> view =
                    stack.call(replicas.gatewayUrl(0), "GET", "/api/deployments/" + id, token, null);
            assertEquals(200, view.statusCode(), view.body());
            JsonNode deployment = ReliabilityStack.JSON.readTree(view.body());
            assertEquals("failed", deployment.get("status").asText());
            assertEquals("interrupted", deployment.get("error").asText());
            assertEquals(owner, stack.text("deployment", "SELECT owner_instance FROM deployments WHERE id = ?", id));
            // within the lease, plus the survivor's check interval and this busy machine's slack
            double limit = HEARTBEAT_TIMEOUT.toSeconds() + RECLAIM_INTERVAL.toSeconds() + 5;
            assertTrue(seconds <= limit, "failed " + seconds + " s after the kill, limit " + limit);
            // and not before: the owner checked in about every second until it died, so its lease was
            // live until about HEARTBEAT_TIMEOUT after the kill
            assertTrue(
                    seconds >= HEARTBEAT_TIMEOUT.toSeconds() - 2,
                    "failed " + seconds + " s after the kill: before its lease ran out");

            // on Kafka: one finished event (interrupted), and no step started twice (the survivor
            // did not run the deployment again)
            List<ConsumerRecord<String, byte[]>> events = stack.records(
                    "deployment.events.v1",
                    r -> id.equals(r.key()),
                    seen -> seen.stream()
                            .anyMatch(r -> ReliabilityStack.deploymentEvent(r).hasFinished()),
                    Duration.ofSeconds(30));
            Map<String, Integer> stepStarts = new HashMap<>();
            List<DeploymentEvent> finished = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : events) {
                DeploymentEvent event = ReliabilityStack.deploymentEvent(r);
                if (event.hasFinished()) {
                    finished.add(event);
                }
                if (event.hasStepStarted()) {
                    stepStarts.merge(event.getStep(), 1, Integer::sum);
                }
            }
            assertEquals(1, finished.size(), "finished events: " + finished);
            assertEquals("interrupted", finished.get(0).getFinished().getError());
            assertTrue(!stepStarts.isEmpty());
            assertEquals(Set.of(1), new HashSet<>(stepStarts.values()), "a step ran twice: " + stepStarts);

            // the survivor goes on deploying
            int nextPort = ReliabilityStack.freePort();
            String nextApp = stack.registerWarmingApp(app + "-next", nextPort);
            HttpResponse<String> next = stack.call(
                    replicas.gatewayUrl(0),
                    "POST",
                    "/api/deployments",
                    token,
                    ReliabilityStack.warmingDeploymentBody(nextApp, nextPort, 0));
            assertEquals(202, next.statusCode(), next.body());
            String nextId = ReliabilityStack.JSON
                    .readTree(next.body())
                    .get("deployment_id")
                    .asText();
            assertEquals("completed", stack.awaitTerminal(nextId, Duration.ofSeconds(120)));
            assertNotEquals(
                    owner, stack.text("deployment", "SELECT owner_instance FROM deployments WHERE id = ?", nextId));
            System.out.printf(
                    "[failover] %s killed (SIGKILL) mid-deployment: %s failed as interrupted by the survivor %.1f s"
                            + " later (heartbeat timeout %d s, reclaim every %d s); 1 finished event, no step twice%n",
                    owner, id, seconds, HEARTBEAT_TIMEOUT.toSeconds(), RECLAIM_INTERVAL.toSeconds());
        } finally {
            for (String pid : started) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                });
            }
        }
    }

    /** The replica that took the deployment (owner_instance is set when it is accepted). */
    private static String awaitOwner(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String owner = stack.text("deployment", "SELECT owner_instance FROM deployments WHERE id = ?", id);
            if (owner != null) {
                return owner;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deployment " + id + " was not taken by a replica within 60 s");
    }
}
