package dev.opsuite.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** "External everything, 3 replicas": TLS and SASL reach the services, the edge objects fit together. */
class ExternalConnectionsTest {
    private final RenderedChart chart = Scenario.external().chart();

    @Test
    void postgresTlsVerifiesTheServerAgainstTheMountedCaInBothClients() {
        for (Services service : Services.values()) {
            Map<String, String> env =
                    chart.get(ConfigMap.class, service.objectName()).getData();
            assertEquals(
                    "jdbc:postgresql://pg-primary.databases.svc.cluster.local:5432/opsuite?sslmode=verify-full"
                            + "&sslrootcert=/etc/opsuite/postgresql-ca/ca.crt",
                    env.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals("verify-full", env.get("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE"));
            assertEquals(
                    "/etc/opsuite/postgresql-ca/ca.crt",
                    env.get("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS"));
            assertEquals("HTTPS", env.get("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM"));
            assertMountedFromSecret(service, "/etc/opsuite/postgresql-ca", "postgres-ca");
        }
    }

    @Test
    void kafkaSaslSslUsesScramWithThePasswordFromTheSecretAndTheMountedCa() {
        for (Services service : Services.values()) {
            Map<String, String> env =
                    chart.get(ConfigMap.class, service.objectName()).getData();
            assertEquals(
                    "kafka-0.kafka.svc:9093,kafka-1.kafka.svc:9093,kafka-2.kafka.svc:9093",
                    env.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"));
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"));
            assertEquals("PEM", env.get("KAFKA_SSL_TRUSTSTORE_TYPE"));
            assertEquals("/etc/opsuite/kafka-ca/ca.crt", env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"));
            assertMountedFromSecret(service, "/etc/opsuite/kafka-ca", "kafka-cluster-ca");

            List<EnvVar> podEnv =
                    RenderedObjectsTest.mainContainer(chart, service).getEnv();
            List<String> names = podEnv.stream().map(EnvVar::getName).toList();
            int password = names.indexOf("OPSUITE_KAFKA_SASL_PASSWORD");
            int jaas = names.indexOf("KAFKA_SASL_JAAS_CONFIG");
            // the kubelet expands $(VAR) only from variables defined earlier in the list
            assertTrue(password >= 0 && password < jaas, "the password variable precedes the JAAS line");
            assertEquals(
                    "opsuite-kafka-user",
                    podEnv.get(password).getValueFrom().getSecretKeyRef().getName());
            assertEquals(
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"opsuite\" "
                            + "password=\"$(OPSUITE_KAFKA_SASL_PASSWORD)\";",
                    podEnv.get(jaas).getValue());
        }
    }

    @Test
    void everyEncryptionKeyVersionReachesEveryServiceAndTheActiveOneIsNamed() {
        for (Services service : Services.values()) {
            Map<String, String> refs = RenderedObjectsTest.mainContainer(chart, service).getEnv().stream()
                    .filter(e -> e.getName().startsWith("OPSUITE_SECRETS_KEYS_"))
                    .collect(Collectors.toMap(
                            EnvVar::getName,
                            e -> e.getValueFrom().getSecretKeyRef().getName() + "/"
                                    + e.getValueFrom().getSecretKeyRef().getKey()));
            assertEquals(
                    Map.of(
                            "OPSUITE_SECRETS_KEYS_V1", "opsuite-encryption/v1",
                            "OPSUITE_SECRETS_KEYS_V2", "opsuite-encryption/v2"),
                    refs);
            assertEquals(
                    "v2",
                    chart.get(ConfigMap.class, service.objectName()).getData().get("OPSUITE_SECRETS_ACTIVE_VERSION"));
        }
    }

    @Test
    void theGatewayServesThePveFacadeOverHttpsWithTheCertificateSecretAndReadsItsSigningKeyFile() {
        Map<String, String> env =
                chart.get(ConfigMap.class, Services.GATEWAY.objectName()).getData();
        assertEquals("8443", env.get("QUARKUS_HTTP_SSL_PORT"));
        assertEquals("/etc/opsuite/tls/tls.crt", env.get("QUARKUS_HTTP_SSL_CERTIFICATE_FILES"));
        assertEquals("/etc/opsuite/tls/tls.key", env.get("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES"));
        assertEquals("/etc/opsuite/jwt/signing-key.pem", env.get("OPSUITE_IDENTITY_SIGNING_KEY_LOCATION"));
        assertEquals("10.0.0.0/8", env.get("OPSUITE_GATEWAY_TRUSTED_PROXIES"));
        assertMountedFromSecret(Services.GATEWAY, "/etc/opsuite/tls", "opsuite-pve-tls");
        assertMountedFromSecret(Services.GATEWAY, "/etc/opsuite/jwt", "opsuite-jwt");
        Service service = chart.get(Service.class, Services.GATEWAY.objectName());
        assertEquals(
                Map.of("http", 8080, "https", 8443),
                service.getSpec().getPorts().stream().collect(Collectors.toMap(p -> p.getName(), p -> p.getPort())));
    }

    @Test
    void ingressesRouteToPortsTheGatewayServiceHas() {
        List<String> servicePorts =
                chart.get(Service.class, Services.GATEWAY.objectName()).getSpec().getPorts().stream()
                        .map(p -> p.getName())
                        .toList();
        Ingress main = chart.get(Ingress.class, Services.GATEWAY.objectName());
        Ingress pve = chart.get(Ingress.class, Services.GATEWAY.objectName() + "-pve");
        assertEquals("nginx", main.getSpec().getIngressClassName());
        assertEquals("opsuite.example.org", main.getSpec().getRules().get(0).getHost());
        assertEquals("opsuite-example-org-tls", main.getSpec().getTls().get(0).getSecretName());
        var mainBackend = main.getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths()
                .get(0)
                .getBackend()
                .getService();
        assertEquals(Services.GATEWAY.objectName(), mainBackend.getName());
        assertEquals("http", mainBackend.getPort().getName());
        var pveBackend = pve.getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths()
                .get(0)
                .getBackend()
                .getService();
        assertEquals("https", pveBackend.getPort().getName());
        assertEquals("HTTPS", pve.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/backend-protocol"));
        assertTrue(servicePorts.containsAll(
                List.of(mainBackend.getPort().getName(), pveBackend.getPort().getName())));
    }

    @Test
    void theServiceMonitorScrapesQMetricsOnTheHttpPortOfEveryService() {
        GenericKubernetesResource monitor = chart.single("monitoring.coreos.com/v1", "ServiceMonitor");
        assertEquals("kube-prometheus-stack", monitor.getMetadata().getLabels().get("release"));
        @SuppressWarnings("unchecked")
        Map<String, String> selector =
                (Map<String, String>) ((Map<String, Object>) monitor.get("spec", "selector")).get("matchLabels");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertEquals("/q/metrics", endpoints.get(0).get("path"));
        assertEquals("http", endpoints.get(0).get("port"));
        long selected = chart.all(Service.class).stream()
                .filter(s -> Selectors.matches(selector, s.getMetadata().getLabels()))
                .count();
        assertEquals(5, selected, "all five Services are scraped");
    }

    @Test
    void imagesComeFromTheMirrorWithThePullSecret() {
        for (Services service : Services.values()) {
            PodSpec pod = chart.get(Deployment.class, service.objectName())
                    .getSpec()
                    .getTemplate()
                    .getSpec();
            Container container = pod.getContainers().get(0);
            assertEquals(
                    "registry.example.com/opsuite-mirror/opsuite/" + service.folder + ":0.1.0-SNAPSHOT",
                    container.getImage());
            assertEquals(
                    "registry-credentials", pod.getImagePullSecrets().get(0).getName());
        }
    }

    private void assertMountedFromSecret(Services service, String path, String secretName) {
        PodSpec pod = chart.get(Deployment.class, service.objectName())
                .getSpec()
                .getTemplate()
                .getSpec();
        String volume = RenderedObjectsTest.mainContainer(chart, service).getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(path))
                .map(VolumeMount::getName)
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + path));
        assertEquals(
                secretName,
                pod.getVolumes().stream()
                        .filter(v -> v.getName().equals(volume))
                        .findFirst()
                        .orElseThrow()
                        .getSecret()
                        .getSecretName());
    }
}
