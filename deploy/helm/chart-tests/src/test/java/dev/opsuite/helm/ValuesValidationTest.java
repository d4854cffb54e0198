package dev.opsuite.helm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad values fail at `helm install`/`template` with a message naming what is wrong, not at run time. */
class ValuesValidationTest {

    private static void assertRefused(Map<String, Object> values, String... expectedInMessage) {
        String message = HelmChart.renderError(HelmChart.minimalWith(values));
        for (String expected : expectedInMessage) {
            assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
        }
    }

    @Test
    void replicasThatAreNotAnIntegerAreRefusedBySchema() {
        assertRefused(
                Map.of("gateway.replicas", "three"), "values don't meet the specifications of the schema", "replicas");
    }

    @Test
    void aMisspeltKeyIsRefusedInsteadOfIgnored() {
        assertRefused(Map.of("telemetry.replica", 3), "replica");
    }

    @Test
    void anEncryptionKeyThatIsNot32BytesOfBase64IsRefused() {
        assertRefused(Map.of("encryption.keys.v1", "c2hvcnQ="), "encryption", "v1");
    }

    @Test
    void anUnknownKafkaSecurityProtocolIsRefused() {
        assertRefused(Map.of("kafka.securityProtocol", "TLS"), "securityProtocol");
    }

    @Test
    void anUnknownPostgresTlsModeIsRefused() {
        assertRefused(Map.of("postgresql.tls.mode", "on"), "mode");
    }

    @Test
    void aServiceWithoutAMemoryLimitIsRefused() {
        assertRefused(Map.of("deployment.resources.limits.memory", "null"), "memory");
    }

    @Test
    void aMalformedImageDigestIsRefused() {
        assertRefused(Map.of("l10n.image.digest", "sha256:xyz"), "digest");
    }

    @Test
    void aPkcs1SigningKeyIsRefusedBecauseTheGatewayReadsPkcs8() {
        assertRefused(
                Map.of("jwt.signingKey", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"),
                "signingKey");
    }

    @Test
    void aShortAdminPasswordIsRefused() {
        assertRefused(Map.of("auth.adminPassword", "short"), "adminPassword");
    }

    @Test
    void bootstrapServersWithoutPortsAreRefused() {
        assertRefused(Map.of("kafka.bootstrapServers", "kafka-0,kafka-1"), "bootstrapServers");
    }

    @Test
    void withoutAPostgresHostTheInstallStopsAndSaysWhatToSet() {
        String message = HelmChart.renderError(
                Map.of("kafka.bootstrapServers", "kafka:9092", "postgresql.admin.password", "admin-pass-for-tests"));
        assertTrue(message.contains("postgresql.host is required (or set cnpg.enabled=true)"), message);
    }

    @Test
    void withoutKafkaTheInstallStopsAndSaysWhatToSet() {
        String message = HelmChart.renderError(
                Map.of("postgresql.host", "pg", "postgresql.admin.password", "admin-pass-for-tests"));
        assertTrue(message.contains("kafka.bootstrapServers is required (or set strimzi.enabled=true)"), message);
    }

    @Test
    void saslWithoutAPasswordOrSecretStopsTheInstall() {
        assertRefused(
                Map.of("kafka.securityProtocol", "SASL_SSL", "kafka.sasl.username", "opsuite"),
                "kafka.sasl.password (or kafka.sasl.existingSecret) is required");
    }

    @Test
    void provisioningWithoutAdminCredentialsStopsTheInstall() {
        String message = HelmChart.renderError(Map.of("postgresql.host", "pg", "kafka.bootstrapServers", "kafka:9092"));
        assertTrue(
                message.contains("postgresql.admin.password or postgresql.admin.existingSecret is required"), message);
    }

    @Test
    void httpsWithoutACertificateSecretStopsTheInstall() {
        assertRefused(Map.of("gateway.https.enabled", true), "gateway.https.existingSecret");
    }

    @Test
    void thePveFacadeIngressWithoutHttpsStopsTheInstall() {
        assertRefused(
                Map.of("gateway.ingress.enabled", true, "gateway.ingress.pveFacade.enabled", true),
                "gateway.ingress.pveFacade needs gateway.https.enabled");
    }
}
