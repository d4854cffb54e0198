package dev.opsuite.automation.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.devstack.test.hostile.ErrorShape;
import dev.opsuite.devstack.test.hostile.HostileInputProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every operation of automation-service's OpenAPI document under hostile input: never a 5xx, always
 * an X-Request-Id, errors in the automation envelope ({"code","message","error"}).
 */
@QuarkusTest
class AutomationHostileInputTest {

    @Test
    void noOperationAnswersHostileInputWithA5xxOrOutsideItsDialect() throws Exception {
        String admin = TestTokens.issue("hostile-admin", "admin");
        HostileInputProbe probe = HostileInputProbe.against(
                        "localhost", ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))
                .bearer(() -> admin)
                .dialect(path -> ErrorShape.AUTOMATION);
        assertTrue(probe.operations().size() >= 30, "the OpenAPI document lists too few operations");
        // the probe's admin PUTs reach the feature settings (binary_path "probe", features off…): they are
        // put back afterwards, so that the test classes running after this one find the service as it was
        Map<String, Object> features =
                Api.ok(Api.admin().get("/api/v1/features")).path("data");
        List<String> findings;
        try {
            findings = probe.run();
        } finally {
            restore(features);
        }
        assertEquals(List.of(), findings, findings.size() + " findings in " + probe.requests() + " requests");
    }

    @SuppressWarnings("unchecked")
    private static void restore(Map<String, Object> features) {
        Map<String, Object> automation = (Map<String, Object>) features.get("automation");
        Map<String, Object> ansible = new HashMap<>((Map<String, Object>) features.get("ansible"));
        ansible.put("enabled", automation.get("ansible_enabled"));
        Map<String, Object> ssh = new HashMap<>((Map<String, Object>) features.get("ssh"));
        ssh.put("enabled", automation.get("ssh_enabled"));
        String base = "/api/v1/features/automation/";
        Api.ok(Api.admin().body(Map.of("enabled", automation.get("enabled"))).put(base + "enabled"));
        Api.ok(Api.admin().body(ansible).put(base + "ansible"));
        Api.ok(Api.admin().body(ssh).put(base + "ssh"));
        Api.ok(Api.admin()
                .body(Map.of("enabled", automation.get("scripts_enabled")))
                .put(base + "scripts"));
        Api.ok(Api.admin()
                .body(Map.of("enabled", automation.get("workflows_enabled")))
                .put(base + "workflows"));
    }
}
