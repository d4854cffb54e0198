package dev.opsuite.automation.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.SshdNode;
import dev.opsuite.devstack.test.TestKafka;
import dev.opsuite.events.v1.AutomationEvent;
import dev.opsuite.events.v1.AutomationEventKind;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** A task's events cross the real broker through the outbox: started, per-node results, progress, finished. */
@QuarkusTest
class TaskEventsTest {
    final TestKafka kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void anSshTaskPublishesStartedNodeResultsProgressAndFinished() throws Exception {
        Api.enableAll();
        List<SshdNode> nodes = Nodes.shared(2);
        Nodes.cluster("events-lab", nodes);
        String taskId = Api.ok(Api.operator()
                        .body(Map.of(
                                "cluster_name",
                                "events-lab",
                                "target_nodes",
                                List.of("node1", "node2"),
                                "credential_id",
                                Nodes.credential(),
                                "command",
                                "echo hi"))
                        .post("/api/v1/automation/ssh/execute"))
                .path("data.task_id");
        Api.waitDone("ssh", taskId);

        List<ConsumerRecord<String, byte[]>> records =
                kafka.awaitRecords("automation.events.v1", r -> taskId.equals(r.key()), 6, Duration.ofSeconds(30));
        List<String> phases = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            AutomationEvent e = AutomationEvent.parseFrom(r.value());
            assertEquals(taskId, e.getTaskId());
            assertEquals("ssh", e.getTaskType());
            assertEquals("events-lab", e.getClusterName());
            phases.add(e.getPhase());
            types.add(TestKafka.header(r, "ce_type"));
            assertEquals("automation-service", TestKafka.header(r, "ce_source"));
            assertEquals(taskId, TestKafka.header(r, "ce_subject"));
            if (e.getPhase().equals("finished")) {
                assertEquals(AutomationEventKind.AUTOMATION_EVENT_KIND_COMPLETE, e.getKind());
                assertEquals("completed", e.getStatus());
                assertEquals("success", e.getOutcome());
                assertEquals(100, e.getProgress());
            }
        }
        assertEquals("started", phases.get(0));
        assertEquals("finished", phases.get(phases.size() - 1));
        assertEquals(2, phases.stream().filter("node_result"::equals).count(), phases.toString());
        assertTrue(phases.contains("progress"), phases.toString());
        assertTrue(types.contains("dev.opsuite.automation.log.v1"), types.toString());
        assertTrue(types.contains("dev.opsuite.automation.complete.v1"), types.toString());
        assertTrue(types.contains("dev.opsuite.automation.progress.v1"), types.toString());
    }
}
