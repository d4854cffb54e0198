package dev.opsuite.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.test.hostile.ErrorShape;
import dev.opsuite.devstack.test.hostile.HostileInputProbe;
import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the gateway's own API under hostile input (generated from its OpenAPI
 * document): never a 5xx, always an X-Request-Id, errors in the dialect of the path (the auth API
 * speaks the automation envelope, the rest problem+json).
 */
@QuarkusTest
class GatewayHostileInputTest {

    @Test
    void noOperationAnswersHostileInputWithA5xxOrOutsideItsDialect() throws Exception {
        String admin = TestAuth.adminToken();
        HostileInputProbe probe = HostileInputProbe.against(
                        "localhost", ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))
                .bearer(() -> admin)
                .dialect(path -> path.startsWith("/api/v1/auth") ? ErrorShape.AUTOMATION : ErrorShape.PROBLEM)
                // logout and refresh revoke the probe's own token; they take no input the probe could vary
                .skip((method, path) -> path.equals("/api/v1/auth/logout") || path.equals("/api/v1/auth/refresh"));
        assertTrue(probe.operations().size() >= 10, "the OpenAPI document lists too few operations");
        List<String> findings = probe.run();
        assertEquals(List.of(), findings, findings.size() + " findings in " + probe.requests() + " requests");
        assertTrue(probe.requests() > 500, "only " + probe.requests() + " requests sent");
    }
}
