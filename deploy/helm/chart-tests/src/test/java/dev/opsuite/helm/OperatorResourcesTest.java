package dev.opsuite.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** strimzi.enabled and cnpg.enabled: the chart asks the operators for Kafka, the topics and PostgreSQL. */
class OperatorResourcesTest {
    private final RenderedChart chart = HelmChart.render(Map.of("strimzi.enabled", true, "cnpg.enabled", true));

    @Test
    void strimziGetsAKraftClusterWithANodePoolAndEveryTopicOfTheSuite() {
        GenericKubernetesResource kafka = chart.single("kafka.strimzi.io/v1beta2", "Kafka");
        assertEquals("opsuite-kafka", kafka.getMetadata().getName());
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/kraft"));
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/node-pools"));
        GenericKubernetesResource pool = chart.single("kafka.strimzi.io/v1beta2", "KafkaNodePool");
        assertEquals("opsuite-kafka", pool.getMetadata().getLabels().get("strimzi.io/cluster"));
        assertEquals(List.of("controller", "broker"), pool.get("spec", "roles"));
        List<GenericKubernetesResource> topics = chart.custom("kafka.strimzi.io/v1beta2", "KafkaTopic");
        assertEquals(
                List.of(
                        "telemetry.ingest.v1",
                        "deployment.events.v1",
                        "l10n.events.v1",
                        "automation.events.v1",
                        "pve.events.v1",
                        "gateway.revocations.v1",
                        "telemetry-deployments.dlq.v1",
                        "telemetry-ingest.dlq.v1",
                        "automation-pve-inventory.dlq.v1",
                        "gateway-progress-deployments.dlq.v1",
                        "gateway-progress-automation.dlq.v1",
                        "gateway-progress-pve.dlq.v1"),
                topics.stream().map(t -> (String) t.get("spec", "topicName")).toList());
        for (GenericKubernetesResource topic : topics) {
            assertEquals("opsuite-kafka", topic.getMetadata().getLabels().get("strimzi.io/cluster"));
            assertEquals(3, ((Number) topic.get("spec", "replicas")).intValue());
        }
        for (Services service : Services.values()) {
            assertEquals(
                    "opsuite-kafka-kafka-bootstrap:9092",
                    chart.get(ConfigMap.class, service.objectName()).getData().get("KAFKA_BOOTSTRAP_SERVERS"));
        }
    }

    @Test
    void cloudNativePgGetsAClusterKeptOnUninstallAndTheJobProvisionsAsItsSuperuserAfterIt() {
        GenericKubernetesResource cluster = chart.single("postgresql.cnpg.io/v1", "Cluster");
        assertEquals("opsuite-postgresql", cluster.getMetadata().getName());
        assertEquals("keep", cluster.getMetadata().getAnnotations().get("helm.sh/resource-policy"));
        assertEquals(true, cluster.get("spec", "enableSuperuserAccess"));
        assertEquals("opsuite", cluster.get("spec", "bootstrap", "initdb", "database"));
        for (Services service : Services.values()) {
            String url =
                    chart.get(ConfigMap.class, service.objectName()).getData().get("QUARKUS_DATASOURCE_JDBC_URL");
            assertTrue(url.startsWith("jdbc:postgresql://opsuite-postgresql-rw:5432/opsuite?"), url);
        }
        Job job = chart.get(Job.class, "opsuite-migrate");
        // the Cluster is created with the release, so the first run has to come after it
        assertEquals(
                "post-install,pre-upgrade", job.getMetadata().getAnnotations().get(HelmChart.HOOK_PREFIX));
        EnvVar password = job.getSpec().getTemplate().getSpec().getInitContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("PGPASSWORD"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "opsuite-postgresql-superuser",
                password.getValueFrom().getSecretKeyRef().getName());
        assertEquals("password", password.getValueFrom().getSecretKeyRef().getKey());
    }
}
