package dev.opsuite.automation.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opsuite.automation.support.Api;
import dev.opsuite.devstack.test.TestDb;
import dev.opsuite.devstack.test.TestKafka;
import dev.opsuite.events.v1.PveEvent;
import dev.opsuite.events.v1.PveNode;
import dev.opsuite.events.v1.PveNodeInventory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PveInventoryConsumerTest {
    final TestKafka kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    static Map<String, String> headers(String id) {
        return Map.of(
                "ce_specversion", "1.0",
                "ce_id", id,
                "ce_source", "pve-gateway",
                "ce_type", "dev.opsuite.pve.node_inventory.v1",
                "ce_time", Instant.now().toString(),
                "ce_subject", "pvelab",
                "content-type", "application/protobuf");
    }

    static byte[] inventory(String cluster, String... nameIp) {
        PveNodeInventory.Builder inv = PveNodeInventory.newBuilder();
        for (int i = 0; i < nameIp.length; i += 2) {
            inv.addNodes(
                    PveNode.newBuilder().setName(nameIp[i]).setIp(nameIp[i + 1]).setOnline(true));
        }
        return PveEvent.newBuilder()
                .setCluster(cluster)
                .setNodeInventory(inv)
                .build()
                .toByteArray();
    }

    @Test
    void learnsNodesOncePerEventAndSurvivesAPoisonRecord() {
        String cluster = "pve-" + UUID.randomUUID().toString().substring(0, 8);
        String id = UUID.randomUUID().toString();
        byte[] first = inventory(cluster, "pve1", "10.1.0.11", "pve2", "10.1.0.12");
        kafka.produce("pve.events.v1", cluster, headers(id), first);
        // the same event again (redelivery) and a poison record in between
        kafka.produce(
                "pve.events.v1",
                cluster,
                headers(UUID.randomUUID().toString()),
                "garbage".getBytes(StandardCharsets.UTF_8));
        kafka.produce("pve.events.v1", cluster, headers(id), first);
        // a later inventory moves pve2
        kafka.produce(
                "pve.events.v1",
                cluster,
                headers(UUID.randomUUID().toString()),
                inventory(cluster, "pve2", "10.1.0.22"));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> nodes = List.of();
        while (System.nanoTime() < deadline) {
            nodes = TestDb.strings(
                    "SELECT n.name || '=' || n.host FROM nodes n JOIN clusters c ON c.id = n.cluster_id "
                            + "WHERE c.name = ? ORDER BY n.name",
                    cluster);
            if (nodes.contains("pve2=10.1.0.22")) {
                break;
            }
            Api.sleep(200);
        }
        assertEquals(List.of("pve1=10.1.0.11", "pve2=10.1.0.22"), nodes);
        assertEquals(
                List.of("1"),
                TestDb.strings(
                        "SELECT count(*)::text FROM inbox WHERE consumer = 'automation-pve-inventory' AND ce_id = ?",
                        id));
        assertEquals(List.of("pve"), TestDb.strings("SELECT source FROM clusters WHERE name = ?", cluster));
        kafka.awaitRecord(
                "automation-pve-inventory.dlq.v1",
                r -> cluster.equals(r.key()) && TestKafka.header(r, "x-opsuite-dlq-reason") != null,
                Duration.ofSeconds(30));
    }
}
