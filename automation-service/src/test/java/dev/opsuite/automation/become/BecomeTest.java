package dev.opsuite.automation.become;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.Proc;
import dev.opsuite.automation.support.SshdNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Privilege escalation against a real sshd node: a non-root login user with a sudoers rule that asks
 * for the password. The password travels on stdin (SSH/scripts) or in a 0600 vars file (Ansible), and
 * never shows in output.
 */
@QuarkusTest
class BecomeTest {
    static final String USER = "opsuite-tester";
    static final String PASSWORD = "Tester-Sudo-Pw-42";

    @BeforeAll
    static void loginUserWithSudo() throws Exception {
        if (Proc.run(List.of("sh", "-c", "id -u " + USER + " >/dev/null 2>&1 && echo yes || echo no"))
                .trim()
                .equals("no")) {
            Proc.run(List.of("useradd", "-m", "-s", "/bin/bash", USER));
        }
        Proc.run(List.of("sh", "-c", "echo '" + USER + ":" + PASSWORD + "' | chpasswd"));
        Path rule = Path.of("/etc/sudoers.d/opsuite-tester");
        Files.writeString(rule, USER + " ALL=(ALL:ALL) ALL\n");
        Files.setPosixFilePermissions(rule, PosixFilePermissions.fromString("r--r-----"));
        Proc.run(List.of("visudo", "-c", "-f", rule.toString()));
    }

    long credential(String becomePassword) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "become-" + System.nanoTime());
        body.put("username", USER);
        body.put("auth_type", "privatekey");
        body.put("private_key", SshdNode.clientKey().privateKey());
        body.put("become", Map.of("method", "sudo", "user", "root", "password", becomePassword));
        Response r = Api.created(Api.admin().body(body).post("/api/v1/automation/credentials"));
        assertEquals(true, r.path("data.become.has_password"));
        assertFalse(r.asString().contains(becomePassword));
        return r.<Integer>path("data.id");
    }

    Response ssh(long credential, String command) {
        return Api.waitDone(
                "ssh",
                Api.ok(Api.operator()
                                .body(Map.of(
                                        "cluster_name",
                                        "become-lab",
                                        "target_nodes",
                                        List.of("node1"),
                                        "credential_id",
                                        credential,
                                        "command",
                                        command))
                                .post("/api/v1/automation/ssh/execute"))
                        .path("data.task_id"));
    }

    @Test
    void sshCommandsAndScriptsRunAsRootThroughSudoWithThePasswordOnStdin() {
        Api.enableAll();
        Nodes.cluster("become-lab", Nodes.shared(1));
        long cred = credential(PASSWORD);
        Response done = ssh(cred, "id -un; echo \"pw=$PASSWORD\"; logname 2>/dev/null || true");
        assertEquals("completed", done.path("data.status"), done.asString());
        String out = done.path("data.results[0].stdout");
        assertTrue(out.startsWith("root\npw=\n"), out);
        assertFalse(done.asString().contains(PASSWORD));

        long id = Api.created(Api.admin()
                        .body(Map.of(
                                "name",
                                "whoami-" + System.nanoTime(),
                                "content",
                                "echo \"$(id -un) port=${PORT:-80}\"\n",
                                "allow_suspicious",
                                true))
                        .post("/api/v1/automation/scripts"))
                .<Integer>path("data.id");
        Response ran = Api.waitDone(
                "scripts",
                Api.ok(Api.operator()
                                .body(Map.of(
                                        "script_id",
                                        id,
                                        "cluster_name",
                                        "become-lab",
                                        "target_nodes",
                                        List.of("node1"),
                                        "credential_id",
                                        cred,
                                        "parameters",
                                        Map.of("PORT", "8443")))
                                .post("/api/v1/automation/scripts/execute"))
                        .path("data.task_id"));
        assertEquals("root port=8443\n", ran.path("data.results[0].stdout"), ran.asString());
    }

    @Test
    void aWrongSudoPasswordFailsTheNodeWithoutShowingThePassword() {
        Api.enableAll();
        Nodes.cluster("become-lab", Nodes.shared(1));
        Response done = ssh(credential("Wrong-Password-99"), "id -un");
        assertEquals("failed", done.path("data.status"));
        assertFalse(done.asString().contains("Wrong-Password-99"));
        assertTrue(
                done.<String>path("data.results[0].stderr").toLowerCase().contains("sorry")
                        || done.<String>path("data.results[0].stderr").contains("password"),
                done.asString());
    }

    @Test
    void ansibleRunsBecomeRootWithThePasswordFromAVarsFile() {
        Api.enableAll();
        Nodes.cluster("become-lab", Nodes.shared(1));
        long cred = credential(PASSWORD);
        long pb = Api.created(Api.operator()
                        .body(Map.of(
                                "name",
                                "become-pb-" + System.nanoTime(),
                                "content",
                                "- hosts: all\n  gather_facts: false\n  tasks:\n    - name: who\n      ansible.builtin.command: id -un\n      register: who\n"
                                        + "    - ansible.builtin.debug:\n        msg: \"user={{ who.stdout }}\"\n"))
                        .post("/api/v1/automation/ansible/playbooks"))
                .<Integer>path("data.id");
        Response done = Api.waitDone(
                "ansible",
                Api.ok(Api.operator()
                                .body(Map.of(
                                        "playbook_id",
                                        pb,
                                        "cluster_name",
                                        "become-lab",
                                        "target_nodes",
                                        List.of("node1"),
                                        "credential_id",
                                        cred))
                                .post("/api/v1/automation/ansible/run"))
                        .path("data.task_id"));
        assertEquals("completed", done.path("data.status"), done.asString());
        assertTrue(done.<String>path("data.output").contains("user=root"), done.<String>path("data.output"));
        assertFalse(done.asString().contains(PASSWORD));
    }
}
