package dev.opsuite.automation.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.SshdNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The automation document's own SDK examples as real clients: the Python AutomationClient (Debian's
 * /usr/bin/python3 with python3-requests) and the JavaScript client (node + axios from the npm
 * registry), driven against the service: list playbooks, run one, poll until it finishes. Their
 * polling loops only stop on the seed's status values, so these tests also prove the loops end.
 */
@QuarkusTest
class SeedSdkClientsTest {
    static final Path SDK = Path.of("src/test/resources/sdk");
    long playbook;
    long credential;

    @BeforeEach
    void setUp() {
        Api.enableAll();
        List<SshdNode> nodes = Nodes.shared(2);
        Nodes.cluster("production", nodes);
        credential = Nodes.credential();
        playbook = Api.created(Api.operator()
                        .body(
                                Map.of(
                                        "name",
                                        "sdk-ping-" + System.nanoTime(),
                                        "content",
                                        "- hosts: all\n  gather_facts: false\n  tasks:\n    - ansible.builtin.ping:\n    - ansible.builtin.command: uptime\n"))
                        .post("/api/v1/automation/ansible/playbooks"))
                .<Integer>path("data.id");
    }

    Map<String, String> env() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return Map.of(
                "AUTOMATION_API_BASE",
                "http://localhost:" + port + "/api/v1",
                "AUTOMATION_TOKEN",
                Api.OPERATOR,
                "PLAYBOOK_ID",
                Long.toString(playbook),
                "CREDENTIAL_ID",
                Long.toString(credential),
                "CLUSTER_NAME",
                "production",
                "TARGET_NODES",
                "node1,node2");
    }

    @Test
    void thePythonClientRunsAPlaybookAndItsPollingLoopEnds() throws Exception {
        String out = run(
                List.of(
                        "/usr/bin/python3",
                        SDK.resolve("automation_client.py").toAbsolutePath().toString()),
                SDK,
                180);
        assertTrue(out.contains("Available playbooks: "), out);
        assertTrue(out.contains("Task started: ansible-exec-"), out);
        assertTrue(out.contains("Execution completed: completed"), out);
        assertTrue(out.contains("Success count: 2"), out);
        assertTrue(out.contains("Failed count: 0"), out);
    }

    @Test
    void theJavaScriptClientRunsAPlaybookAndItsPollingLoopEnds() throws Exception {
        Path dir = Path.of("target/sdk-js");
        Files.createDirectories(dir);
        Files.copy(
                SDK.resolve("automation-client.mjs"),
                dir.resolve("automation-client.mjs"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(SDK.resolve("package.json"), dir.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
        if (!Files.isDirectory(dir.resolve("node_modules/axios"))) {
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--silent"), dir, 300);
        }
        String out = run(List.of("node", "automation-client.mjs"), dir, 180);
        assertTrue(out.contains("Task started: ansible-exec-"), out);
        assertTrue(out.contains("Execution completed: completed"), out);
        assertTrue(out.contains("Success count: 2"), out);
    }

    String run(List<String> command, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env());
        Process p = pb.start();
        p.getOutputStream().close();
        String[] out = new String[1];
        Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = p.getInputStream()) {
                out[0] = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                out[0] = e.getMessage();
            }
        });
        boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        reader.join(5000);
        assertTrue(
                ended,
                command + " did not end within " + timeoutSeconds + " s (a polling loop that never stops?): " + out[0]);
        assertEquals(0, p.exitValue(), command + ": " + out[0]);
        return out[0];
    }
}
