package dev.opsuite.automation.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.SshdNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Playbooks run by the real ansible-playbook against real sshd nodes. */
@QuarkusTest
class AnsibleTest {
    List<SshdNode> nodes;

    @BeforeEach
    void setUp() {
        Api.enableAll();
        nodes = Nodes.shared(2);
        Nodes.cluster("ansible-lab", nodes);
    }

    long playbook(String name, String content) {
        return Api.created(Api.operator()
                        .body(Map.of("name", name, "content", content, "category", "test", "tags", List.of("t")))
                        .post("/api/v1/automation/ansible/playbooks"))
                .<Integer>path("data.id");
    }

    Response run(long playbookId, String extraArgs, Map<String, Object> extraVars) {
        Map<String, Object> body = new HashMap<>();
        body.put("playbook_id", playbookId);
        body.put("cluster_name", "ansible-lab");
        body.put("target_nodes", List.of("node1", "node2"));
        body.put("credential_id", Nodes.credential());
        if (extraArgs != null) {
            body.put("extra_args", extraArgs);
        }
        if (extraVars != null) {
            body.put("extra_vars", extraVars);
        }
        return Api.operator().body(body).post("/api/v1/automation/ansible/run");
    }

    @Test
    void playbookCrudChecksSyntaxBumpsVersionsAndProtectsBuiltins() {
        Response broken = Api.operator()
                .body(Map.of("name", "broken", "content", "- hosts: all\n  tasks:\n    - nosuchmodule_xyz: {}\n"))
                .post("/api/v1/automation/ansible/playbooks");
        assertEquals(422, broken.statusCode(), broken.asString());
        assertTrue(broken.<String>path("error").contains("--syntax-check"), broken.asString());

        long id = playbook("配置 NTP 服务", "- hosts: all\n  gather_facts: false\n  tasks:\n    - ansible.builtin.ping:\n");
        Response updated = Api.ok(Api.operator()
                .body(Map.of(
                        "description",
                        "更新的描述",
                        "content",
                        "- hosts: all\n  gather_facts: false\n  tasks:\n    - ansible.builtin.debug: {msg: hi}\n"))
                .put("/api/v1/automation/ansible/playbooks/" + id));
        assertEquals(2, (int) updated.path("data.version"));
        assertEquals("更新的描述", updated.path("data.description"));

        Response builtins = Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/ansible/playbooks?is_builtin=true"));
        assertEquals(4, (int) builtins.path("data.total"));
        List<String> names = builtins.path("data.playbooks.name");
        assertTrue(names.containsAll(List.of("系统升级", "Docker 重启", "内核升级", "安全补丁")), names.toString());
        int builtinId = builtins.path("data.playbooks[0].id");
        Response delete = Api.admin().delete("/api/v1/automation/ansible/playbooks/" + builtinId);
        assertEquals(403, delete.statusCode());
        assertEquals(
                409,
                Api.operator()
                        .body(Map.of("name", "x"))
                        .put("/api/v1/automation/ansible/playbooks/" + builtinId)
                        .statusCode());
        Response missing = Api.as(Api.VIEWER).get("/api/v1/automation/ansible/playbooks/999");
        assertEquals(404, missing.statusCode());
        assertEquals("Playbook ID 999 不存在", missing.path("error"));
        Api.ok(Api.operator().delete("/api/v1/automation/ansible/playbooks/" + id));
    }

    @Test
    void aThreeTaskPlaybookRunsOnBothNodesWithLiveOutputAndPerHostResults() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        long id = playbook("three-" + marker, """
                - name: Three tasks
                  hosts: all
                  gather_facts: false
                  tasks:
                    - name: Say hello
                      ansible.builtin.command: echo {{ greeting }}
                    - name: Write a file
                      ansible.builtin.copy:
                        content: "{{ greeting }} from {{ inventory_hostname }}\\n"
                        dest: /tmp/opsuite-ansible-{{ marker }}-{{ inventory_hostname }}
                    - name: Show it
                      ansible.builtin.debug:
                        msg: done
                """);
        Response started = Api.ok(run(id, "--diff -v", Map.of("greeting", "hello world", "marker", marker)));
        String taskId = started.path("data.task_id");
        assertTrue(taskId.startsWith("ansible-exec-"));
        assertEquals("three-" + marker, started.path("data.playbook_name"));
        Response done = Api.waitDone("ansible", taskId);
        assertEquals("completed", done.path("data.status"), done.asString());
        assertEquals("success", done.path("data.outcome"));
        assertEquals(2, (int) done.path("data.success_count"));
        assertEquals(List.of("node1", "node2"), done.path("data.results.node"));
        assertEquals("success", done.path("data.results[0].status"));
        assertTrue(done.<String>path("data.results[0].message").startsWith("ok=3 changed=2"), done.asString());
        String output = done.path("data.output");
        assertTrue(output.contains("PLAY [Three tasks]"), output);
        assertTrue(output.contains("TASK [Write a file]"), output);
        assertTrue(output.contains("changed: [node1]"), output);
        assertTrue(output.contains("PLAY RECAP"), output);
        assertEquals(
                "hello world from node2\n", Files.readString(Path.of("/tmp/opsuite-ansible-" + marker + "-node2")));
    }

    @Test
    void aFailingHostMakesTheRunFailedPartialWithItsMessage() {
        long id = playbook("fail-one-" + UUID.randomUUID(), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: Refuse on node2
                      ansible.builtin.fail:
                        msg: node2 is not ready
                      when: inventory_hostname == 'node2'
                """);
        Response done = Api.waitDone("ansible", Api.ok(run(id, null, null)).path("data.task_id"));
        assertEquals("failed", done.path("data.status"));
        assertEquals("partial", done.path("data.outcome"));
        assertEquals("success", done.path("data.results[0].status"));
        assertEquals("failed", done.path("data.results[1].status"));
        assertTrue(done.<String>path("data.results[1].message").contains("node2 is not ready"), done.asString());
    }

    @Test
    void cancelKillsThePlaybookAndItsRemoteCommand() {
        long id = playbook("sleepy-" + UUID.randomUUID(), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: Sleep long
                      ansible.builtin.command: sleep 3609
                """);
        String taskId = Api.ok(run(id, null, null)).path("data.task_id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Nodes.processRunning("sleep 3609") && System.nanoTime() < deadline) {
            Api.sleep(100);
        }
        assertTrue(Nodes.processRunning("sleep 3609"), "the playbook never started its command");
        Api.ok(Api.operator().post("/api/v1/automation/ansible/cancel/" + taskId));
        long cancelled = System.nanoTime();
        while ((Nodes.processRunning("sleep 3609") || Nodes.processRunning(taskId))
                && System.nanoTime() - cancelled < Duration.ofSeconds(8).toNanos()) {
            Api.sleep(100);
        }
        assertFalse(Nodes.processRunning("sleep 3609"), "remote command survived the cancel");
        assertFalse(Nodes.processRunning(taskId), "ansible-playbook survived the cancel");
        Response done = Api.waitDone("ansible", taskId);
        assertEquals("cancelled", done.path("data.status"));
    }

    @Test
    void extraArgsOutsideTheAllowListAre422() {
        long id = playbook(
                "args-" + UUID.randomUUID(),
                "- hosts: all\n  gather_facts: false\n  tasks:\n    - ansible.builtin.ping:\n");
        for (String bad :
                List.of("--private-key /etc/shadow", "-e @/etc/passwd", "--tags a;id", "--forks 1000", "--limit")) {
            Response r = run(id, bad, null);
            assertEquals(422, r.statusCode(), bad + " -> " + r.asString());
        }
        Response ok = Api.waitDone(
                "ansible",
                Api.ok(run(id, "--check --limit node1 --forks=5", null)).path("data.task_id"));
        assertEquals("failed", ok.path("data.status"), "node2 is outside --limit: no recap for it");
        assertEquals("success", ok.path("data.results[0].status"));
    }
}
