package dev.opsuite.automation.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.SshdNode;
import dev.opsuite.devstack.test.TestKafka;
import dev.opsuite.events.v1.AutomationEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Who changed or ran what, with before/after and never a secret; admins only. */
@QuarkusTest
class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void credentialChangesAreAuditedWithoutSecrets() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "audited-" + System.nanoTime());
        body.put("username", "alice");
        body.put("auth_type", "password");
        body.put("password", "super-secret-pw-123");
        long id = Api.created(Api.admin().body(body).post("/api/v1/automation/credentials"))
                .<Integer>path("data.id");
        Api.ok(Api.admin()
                .body(Map.of("username", "bob", "password", "another-secret-456"))
                .put("/api/v1/automation/credentials/" + id));
        Api.ok(Api.admin().delete("/api/v1/automation/credentials/" + id));

        Response audit = Api.ok(Api.admin().get("/api/v1/automation/audit?target_type=credential&page_size=100"));
        String all = audit.asString();
        assertFalse(
                all.contains("super-secret-pw-123") || all.contains("another-secret-456"),
                "a secret reached the audit log");
        List<Map<String, Object>> entries = audit.path("data.entries");
        List<Map<String, Object>> mine = entries.stream()
                .filter(e -> String.valueOf(id).equals(e.get("target_id")))
                .toList();
        assertEquals(
                List.of("delete", "update", "create"),
                mine.stream().map(e -> e.get("action")).toList());
        Map<String, Object> update = mine.get(1);
        assertEquals("root", update.get("actor"));
        assertEquals("admin", update.get("role"));
        assertEquals("alice", ((Map<?, ?>) update.get("before")).get("username"), update.toString());
        assertEquals("bob", ((Map<?, ?>) update.get("after")).get("username"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) update.get("after")).get("has_password"));
        assertNull(((Map<?, ?>) mine.get(2)).get("before"));
        assertEquals(403, Api.operator().get("/api/v1/automation/audit").statusCode());
    }

    @Test
    void runsCancelsAndSwitchesAreAudited() {
        Api.enableAll();
        SshdNode node = Nodes.shared(1).get(0);
        Nodes.cluster("audit-lab", List.of(node));
        String id = Api.ok(Api.operator()
                        .body(Map.of(
                                "cluster_name",
                                "audit-lab",
                                "target_nodes",
                                List.of(node.name),
                                "credential_id",
                                Nodes.credential(),
                                "command",
                                "sleep 30"))
                        .post("/api/v1/automation/ssh/execute"))
                .path("data.task_id");
        Api.ok(Api.operator().post("/api/v1/automation/ssh/cancel/" + id));
        Api.waitDone("ssh", id);
        Response runs = Api.ok(Api.admin().get("/api/v1/automation/audit?target_type=ssh&page_size=100"));
        List<Map<String, Object>> entries = runs.path("data.entries");
        List<Object> actions = entries.stream()
                .filter(e -> id.equals(e.get("target_id")))
                .map(e -> e.get("action"))
                .toList();
        assertEquals(List.of("cancel", "run"), actions);
        assertTrue(entries.stream().anyMatch(e -> id.equals(e.get("target_id")) && "olga".equals(e.get("actor"))));
        Api.ok(Api.admin().body(Map.of("timeout", 301)).put("/api/v1/features/automation/ssh"));
        Response switches =
                Api.ok(Api.admin().get("/api/v1/automation/audit?target_type=feature_settings&page_size=1"));
        assertEquals(301, (int) switches.path("data.entries[0].after.sshTimeout"));
        Api.ok(Api.admin().body(Map.of("timeout", 300)).put("/api/v1/features/automation/ssh"));
    }

    @Test
    void auditRecordsArePublishedOnTheEventsTopicWithoutSecrets() throws Exception {
        TestKafka kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        Map<String, Object> body = new HashMap<>();
        body.put("name", "published-" + System.nanoTime());
        body.put("username", "carol");
        body.put("auth_type", "password");
        body.put("password", "kafka-secret-pw-789");
        long id = Api.created(Api.admin().body(body).post("/api/v1/automation/credentials"))
                .<Integer>path("data.id");
        Api.ok(Api.admin().delete("/api/v1/automation/credentials/" + id));

        String key = "audit:credential:" + id;
        List<ConsumerRecord<String, byte[]>> records =
                kafka.awaitRecords("automation.events.v1", r -> key.equals(r.key()), 2, Duration.ofSeconds(30));
        List<String> actions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            assertEquals("dev.opsuite.automation.audit.v1", TestKafka.header(r, "ce_type"));
            assertEquals("automation-service", TestKafka.header(r, "ce_source"));
            AutomationEvent e = AutomationEvent.parseFrom(r.value());
            assertEquals("audit", e.getPhase());
            assertEquals(key, e.getTaskId());
            assertEquals("credential", e.getTaskType());
            assertFalse(e.getDataJson().contains("kafka-secret-pw-789"), "a secret reached an audit event");
            Map<?, ?> data = JSON.readValue(e.getDataJson(), Map.class);
            assertEquals("root", data.get("actor"));
            assertEquals(String.valueOf(id), data.get("target_id"));
            actions.add(e.getStatus());
            if ("create".equals(e.getStatus())) {
                assertEquals("carol", ((Map<?, ?>) data.get("after")).get("username"));
                assertEquals(Boolean.TRUE, ((Map<?, ?>) data.get("after")).get("has_password"));
            }
        }
        assertEquals(List.of("create", "delete"), actions);
        // the same records as the audit endpoint's
        Response audit = Api.ok(Api.admin().get("/api/v1/automation/audit?target_type=credential&page_size=100"));
        List<Map<String, Object>> entries = audit.path("data.entries");
        long stored = entries.stream()
                .filter(e -> String.valueOf(id).equals(e.get("target_id")))
                .count();
        assertEquals(2, stored);
    }
}
