package dev.opsuite.devstack.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.devstack.launcher.ReplicatedStack;
import dev.opsuite.events.v1.DeploymentEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances each of telemetry-service and deployment-service against one PostgreSQL and one
 * Kafka, behind one gateway that balances between them (issue 14, item 4): the work each replica
 * could pick up is done once.
 */
class ReplicasIT {
    static ReliabilityStack stack;

    /** Deployments are queued when no slot is free, not refused. */
    private static String queued(String body) {
        return body.substring(0, body.length() - 1) + ",\"queue\":true}";
    }

    @BeforeAll
    static void launch() {
        stack = ReliabilityStack.start(
                "replicas",
                Map.of("telemetry", 2, "deployment", 2),
                // one deployment at a time, so the others wait in the queue both replicas promote from
                "-Dopsuite.deployment.max-concurrent=1");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void ingestThroughTheGatewayStoresEveryEventOnceWithThePartitionsSharedByBothConsumers() throws Exception {
        String run = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        int events = 1500;
        int accepted = stack.ingest(run, events, 16);
        assertEquals(
                events,
                accepted,
                "every report is answered 202 whichever replica takes it; last: " + stack.lastRefusal());

        stack.awaitCount(
                "telemetry",
                "SELECT count(*) FROM execution_events WHERE execution_id LIKE ?",
                run + "-%",
                events,
                Duration.ofSeconds(60));
        assertEquals(
                events,
                stack.count(
                        "telemetry",
                        "SELECT count(DISTINCT execution_id) FROM execution_events WHERE execution_id LIKE ?",
                        run + "-%"));
        assertEquals(
                events,
                stack.count("telemetry", "SELECT count(*) FROM executions WHERE execution_id LIKE ?", run + "-%"),
                "one execution per reported execution_id");

        ConsumerGroupDescription group = stack.stableGroup("telemetry-service-ingest", 2, Duration.ofSeconds(60));
        Set<TopicPartition> seen = new HashSet<>();
        for (MemberDescription member : group.members()) {
            Set<TopicPartition> owned = member.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals("telemetry.ingest.v1"))
                    .collect(Collectors.toSet());
            assertTrue(!owned.isEmpty(), "a telemetry replica consumes no ingest partition: " + group);
            for (TopicPartition tp : owned) {
                assertTrue(seen.add(tp), tp + " is assigned to two replicas: " + group);
            }
        }
        assertEquals(stack.partitions("telemetry.ingest.v1"), seen.size(), "every partition has one consumer");
    }

    @Test
    void outboxRowsCommittedAtOnceArePublishedOnceByTheTwoRelaysAndAppliedOnce() throws Exception {
        int rows = 300;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> ids = new HashSet<>(stack.commitFinishedDeployments(run, rows));
        List<ConsumerRecord<String, byte[]>> published =
                stack.records("deployment.events.v1", r -> ids.contains(ceId(r)), rows, Duration.ofSeconds(60));
        Map<String, Integer> times = new HashMap<>();
        published.forEach(r -> times.merge(ceId(r), 1, Integer::sum));
        assertEquals(rows, times.size(), "not every outbox row reached Kafka");
        assertEquals(Set.of(1), new HashSet<>(times.values()), "an outbox row was published twice");
        assertEquals(
                0,
                stack.count(
                        "deployment",
                        "SELECT count(*) FROM outbox WHERE published_at IS NULL AND record_key LIKE ?",
                        "obx-" + run + "-%"));
        // the two telemetry replicas share deployment.events.v1 and apply each event once
        stack.awaitCount(
                "telemetry",
                "SELECT count(*) FROM executions WHERE execution_id LIKE ?",
                "obx-" + run + "-%",
                rows,
                Duration.ofSeconds(60));
        assertEquals(
                rows,
                stack.count(
                        "telemetry",
                        "SELECT count(*) FROM inbox WHERE ce_id = ANY (string_to_array(?, ','))",
                        String.join(",", ids)),
                "one inbox row per event");
        assertEquals(
                rows,
                stack.count(
                        "telemetry", "SELECT count(*) FROM executions WHERE execution_id LIKE ?", "obx-" + run + "-%"),
                "an event was applied twice");
    }

    @Test
    void anIdempotencyKeyIsHonouredWhicheverReplicaAnswers() throws Exception {
        String app =
                stack.registerPythonApp("idem-" + UUID.randomUUID().toString().substring(0, 6));
        String key = UUID.randomUUID().toString();
        String body = stack.deploymentBody(app, "idem");
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // round-robin: two on each replica
            answers.add(stack.postJson("/api/deployments", body, Map.of("Idempotency-Key", key)));
        }
        String id = null;
        int replayed = 0;
        for (HttpResponse<String> answer : answers) {
            assertEquals(202, answer.statusCode(), answer.body());
            JsonNode json = ReliabilityStack.JSON.readTree(answer.body());
            if (id == null) {
                id = json.get("deployment_id").asText();
                assertNull(answer.headers().firstValue("Idempotent-Replayed").orElse(null), "first answer");
            } else {
                assertEquals(id, json.get("deployment_id").asText(), "a replay named another deployment");
                replayed += answer.headers().firstValue("Idempotent-Replayed").isPresent() ? 1 : 0;
            }
        }
        assertEquals(3, replayed);
        assertEquals(1, stack.count("deployment", "SELECT count(*) FROM deployments WHERE app = ?", app));

        HttpResponse<String> reused =
                stack.postJson("/api/deployments", stack.deploymentBody(app, "other"), Map.of("Idempotency-Key", key));
        assertEquals(422, reused.statusCode(), reused.body());
        stack.awaitTerminal(id, Duration.ofSeconds(120));
    }

    @Test
    void eachQueuedDeploymentRunsOnceOnOneReplica() throws Exception {
        String app =
                stack.registerPythonApp("queue-" + UUID.randomUUID().toString().substring(0, 6));
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            posts.add(stack.postJsonAsync("/api/deployments", queued(stack.deploymentBody(app, "q" + i)), Map.of()));
        }
        for (CompletableFuture<HttpResponse<String>> post : posts) {
            HttpResponse<String> answer = post.get();
            assertEquals(202, answer.statusCode(), answer.body());
            ids.add(ReliabilityStack.JSON
                    .readTree(answer.body())
                    .get("deployment_id")
                    .asText());
        }
        Map<String, String> outcomes = new HashMap<>();
        for (String id : ids) {
            outcomes.put(id, stack.awaitTerminal(id, Duration.ofSeconds(180)));
        }
        assertEquals(Set.of("completed"), new HashSet<>(outcomes.values()), outcomes.toString());

        Set<String> owners = new HashSet<>(stack.strings(
                "deployment", "SELECT coalesce(owner_instance, '?') FROM deployments WHERE app = ?", app));
        assertTrue(
                Set.of(ReplicatedStack.instanceId("deployment", 0), ReplicatedStack.instanceId("deployment", 1))
                        .containsAll(owners),
                "owners " + owners);

        // every event of these deployments, read until all have finished (and a little longer)
        List<ConsumerRecord<String, byte[]>> events = stack.records(
                "deployment.events.v1",
                r -> ids.contains(r.key()),
                seen -> seen.stream()
                                .filter(r -> ReliabilityStack.deploymentEvent(r).hasFinished())
                                .count()
                        >= ids.size(),
                Duration.ofSeconds(30));
        Map<String, Integer> finished = new HashMap<>();
        Map<String, Integer> stepStarts = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : events) {
            DeploymentEvent event = ReliabilityStack.deploymentEvent(r);
            if (event.hasFinished()) {
                finished.merge(event.getDeploymentId(), 1, Integer::sum);
            }
            if (event.hasStepStarted()) {
                stepStarts.merge(event.getDeploymentId() + "/" + event.getStep(), 1, Integer::sum);
            }
        }
        assertEquals(ids.size(), finished.size(), finished.toString());
        assertEquals(Set.of(1), new HashSet<>(finished.values()), "a deployment finished twice: " + finished);
        assertTrue(!stepStarts.isEmpty());
        assertEquals(Set.of(1), new HashSet<>(stepStarts.values()), "a step ran twice: " + stepStarts);
    }

    private static String ceId(ConsumerRecord<?, ?> r) {
        return ReliabilityStack.header(r, CloudEvent.H_ID);
    }
}
