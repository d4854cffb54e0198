package dev.opsuite.automation.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.devstack.test.hostile.ErrorShape;
import dev.opsuite.devstack.test.hostile.HostileInputProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
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
        List<String> findings = probe.run();
        assertEquals(List.of(), findings, findings.size() + " findings in " + probe.requests() + " requests");
    }
}
