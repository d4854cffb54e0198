package dev.opsuite.automation.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults a real sshd will not produce on demand, from an in-JVM Apache MINA SSHD. */
@QuarkusTest
class SshFaultsTest {
    FaultInjectingServer server;
    Path dir;
    long credential;

    @BeforeEach
    void start() throws Exception {
        Api.enableAll();
        dir = Files.createTempDirectory("mina");
        server = new FaultInjectingServer(dir.resolve("hostkey.ser"));
        Api.admin().delete("/api/v1/automation/clusters/mina");
        Api.created(Api.admin()
                .body(Map.of(
                        "name",
                        "mina",
                        "nodes",
                        List.of(Map.of(
                                "name",
                                "m1",
                                "host",
                                "127.0.0.1",
                                "port",
                                server.port(),
                                "host_key_fingerprint",
                                server.fingerprint()))))
                .post("/api/v1/automation/clusters"));
        Map<String, Object> body = new HashMap<>();
        body.put("name", "mina-pw-" + System.nanoTime());
        body.put("username", "tester");
        body.put("auth_type", "password");
        body.put("password", "s3cret");
        credential = Api.created(Api.admin().body(body).post("/api/v1/automation/credentials"))
                .<Integer>path("data.id");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    String run(String command, int timeout) {
        return Api.ok(Api.operator()
                        .body(Map.of(
                                "cluster_name",
                                "mina",
                                "target_nodes",
                                List.of("m1"),
                                "credential_id",
                                credential,
                                "command",
                                command,
                                "timeout",
                                timeout))
                        .post("/api/v1/automation/ssh/execute"))
                .path("data.task_id");
    }

    @Test
    void theCommandTravelsOnStdinNotInTheCommandLineAndPasswordLoginWorks() {
        Response done = Api.waitDone("ssh", run("echo 'quoted; $HOME' && true", 20));
        assertEquals("completed", done.path("data.status"), done.asString());
        String stdout = done.path("data.results[0].stdout");
        String payload = new String(
                Base64.getDecoder().decode(stdout.trim().substring("echo:".length())), StandardCharsets.UTF_8);
        assertEquals("echo 'quoted; $HOME' && true", payload);
    }

    @Test
    void aConnectionDroppedMidCommandFailsThatNodeWithAClearMessage() {
        Response done = Api.waitDone("ssh", run("@drop", 30));
        assertEquals("failed", done.path("data.status"), done.asString());
        assertEquals("failure", done.path("data.outcome"));
        assertEquals("partial\n", done.path("data.results[0].stdout"));
        assertTrue(done.<String>path("data.results[0].message").contains("lost"), done.asString());
    }

    @Test
    void slowOutputIsKeptUntilTheTimeoutEndsIt() {
        Response done = Api.waitDone("ssh", run("@slow", 2));
        assertEquals("failed", done.path("data.status"));
        assertEquals("timed_out", done.path("data.outcome"));
        String out = done.path("data.results[0].stdout");
        assertTrue(out.startsWith("line 0\nline 1\n"), out);
    }

    @Test
    void aServerWithANewHostKeyOnTheSameAddressIsRefused() throws Exception {
        assertEquals("completed", Api.waitDone("ssh", run("echo first", 10)).path("data.status"));
        int port = server.port();
        server.close();
        Files.delete(dir.resolve("hostkey.ser"));
        server = new FaultInjectingServer(dir.resolve("hostkey.ser"), port);
        Response done = Api.waitDone("ssh", run("echo hi", 10));
        assertEquals("failed", done.path("data.status"));
        String message = done.path("data.results[0].message");
        assertTrue(message.contains("host key of node m1") && message.contains("changed"), message);
        assertTrue(message.contains(server.fingerprint()), message);
    }
}
