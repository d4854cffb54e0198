package dev.opsuite.automation.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import dev.opsuite.automation.support.SshdNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Script catalogue and runs on real sshd nodes. */
@QuarkusTest
class ScriptTest {
    List<SshdNode> nodes;

    @BeforeEach
    void setUp() {
        Api.enableAll();
        nodes = Nodes.shared(2);
        Nodes.cluster("scripts-lab", nodes);
    }

    long create(Map<String, Object> body) {
        return Api.created(Api.operator().body(body).post("/api/v1/automation/scripts"))
                .<Integer>path("data.id");
    }

    Response run(long scriptId, Map<String, Object> parameters) {
        Map<String, Object> body = new HashMap<>();
        body.put("script_id", scriptId);
        body.put("cluster_name", "scripts-lab");
        body.put("target_nodes", List.of("node1", "node2"));
        body.put("credential_id", Nodes.credential());
        body.put("parameters", parameters);
        body.put("timeout", 60);
        return Api.operator().body(body).post("/api/v1/automation/scripts/execute");
    }

    @Test
    void crudValidatesSyntaxAndBumpsVersions() {
        Response created = Api.created(Api.operator()
                .body(Map.of(
                        "name", "检查端口占用",
                        "description", "port check",
                        "content", "#!/bin/bash\nPORT=${PORT:-80}\necho \"port=$PORT\"\n",
                        "language", "shell",
                        "category", "diagnosis",
                        "tags", List.of("port", "network")))
                .post("/api/v1/automation/scripts"));
        long id = created.<Integer>path("data.id");
        assertEquals(1, (int) created.path("data.version"));
        assertEquals(false, created.path("data.is_builtin"));
        assertEquals(List.of("port", "network"), created.path("data.tags"));

        Response broken =
                Api.operator().body(Map.of("content", "if then fi (")).put("/api/v1/automation/scripts/" + id);
        assertEquals(422, broken.statusCode(), broken.asString());
        assertTrue(broken.<String>path("error").contains("bash -n"), broken.asString());
        Response py = Api.operator()
                .body(Map.of("name", "py", "language", "python", "content", "def f(:\n  pass\n"))
                .post("/api/v1/automation/scripts");
        assertEquals(422, py.statusCode());
        assertTrue(py.<String>path("error").contains("py_compile"), py.asString());
        Response dangerous = Api.operator()
                .body(Map.of("name", "bad", "content", "echo bye\nrm -rf /\n"))
                .post("/api/v1/automation/scripts");
        assertEquals(422, dangerous.statusCode());
        assertTrue(dangerous.<String>path("error").startsWith("危险命令已拦截: rm -rf /"), dangerous.asString());
        Map<String, Object> substitution = new HashMap<>(Map.of("name", "subst", "content", "echo \"$(hostname)\"\n"));
        assertEquals(
                422,
                Api.operator()
                        .body(substitution)
                        .post("/api/v1/automation/scripts")
                        .statusCode());
        substitution.put("allow_suspicious", true);
        assertEquals(
                422,
                Api.operator()
                        .body(substitution)
                        .post("/api/v1/automation/scripts")
                        .statusCode());
        Api.created(Api.admin().body(substitution).post("/api/v1/automation/scripts"));

        Response updated = Api.ok(Api.operator()
                .body(Map.of("name", "检查端口占用 v2", "content", "echo v2\n"))
                .put("/api/v1/automation/scripts/" + id));
        assertEquals(2, (int) updated.path("data.version"));
        assertEquals("检查端口占用 v2", updated.path("data.name"));
        Response list = Api.ok(Api.as(Api.VIEWER)
                .get("/api/v1/automation/scripts?language=shell&category=diagnosis&page=1&page_size=50"));
        assertTrue(list.<List<Integer>>path("data.scripts.id").contains((int) id));
        assertEquals(
                400,
                Api.as(Api.VIEWER)
                        .get("/api/v1/automation/scripts?is_builtin=maybe")
                        .statusCode());
        Api.ok(Api.operator().delete("/api/v1/automation/scripts/" + id));
        assertEquals(
                404, Api.as(Api.VIEWER).get("/api/v1/automation/scripts/" + id).statusCode());
        Response missing = Api.as(Api.VIEWER).get("/api/v1/automation/scripts/99999");
        assertEquals("脚本 ID 99999 不存在", missing.path("error"));
    }

    @Test
    void parametersBecomeEnvironmentVariablesAndCannotInjectCode() {
        long id = create(Map.of(
                "name",
                "params-" + System.nanoTime(),
                "content",
                "#!/bin/bash\nPORT=${PORT:-80}\necho \"port=$PORT\"\necho \"motd=$MOTD\"\necho \"who=$USER\"\n",
                "parameters",
                List.of(Map.of("name", "MOTD", "description", "text", "default", "hello"))));
        Response done =
                Api.waitDone("scripts", Api.ok(run(id, Map.of("PORT", "8080"))).path("data.task_id"));
        assertEquals("completed", done.path("data.status"), done.asString());
        String out = done.path("data.results[0].stdout");
        assertTrue(out.startsWith("port=8080\nmotd=hello\nwho="), out);

        Response defaults = Api.waitDone("scripts", Api.ok(run(id, Map.of())).path("data.task_id"));
        assertTrue(defaults.<String>path("data.results[1].stdout").startsWith("port=80\n"), defaults.asString());

        String hostile = "x'; touch /tmp/opsuite-injected; echo '";
        Response injected =
                Api.waitDone("scripts", Api.ok(run(id, Map.of("MOTD", hostile))).path("data.task_id"));
        assertEquals("completed", injected.path("data.status"));
        assertTrue(injected.<String>path("data.results[0].stdout").contains("motd=" + hostile + "\n"));
        assertFalse(new java.io.File("/tmp/opsuite-injected").exists(), "a parameter value ran as code");

        Response badName = run(id, Map.of("PATH;id", "x"));
        assertEquals(422, badName.statusCode());
        Response dangerous = run(id, Map.of("MOTD", "rm -rf /"));
        assertEquals(422, dangerous.statusCode());
        assertTrue(dangerous.<String>path("error").contains("parameter MOTD"), dangerous.asString());
        Response typed = run(id, Map.of("PORT", 8080));
        assertEquals(422, typed.statusCode(), "an undeclared parameter must be a string");
    }

    @Test
    void pythonScriptsRunWithPython3() {
        long id = create(Map.of(
                "name", "py-" + System.nanoTime(),
                "language", "python",
                "content", "import os\nprint('sum', 40 + 2, os.environ.get('NAME', '?'))\n"));
        Response done =
                Api.waitDone("scripts", Api.ok(run(id, Map.of("NAME", "ops"))).path("data.task_id"));
        assertEquals("completed", done.path("data.status"), done.asString());
        assertEquals("sum 42 ops\n", done.path("data.results[0].stdout"));
    }

    @Test
    void typedParametersAreCheckedAndSecretsMasked() {
        long id = create(Map.of(
                "name",
                "typed-" + System.nanoTime(),
                "content",
                "echo \"count=$COUNT mode=$MODE token=$TOKEN\"\n",
                "parameters",
                List.of(
                        Map.of("name", "COUNT", "type", "int", "required", true),
                        Map.of("name", "MODE", "type", "enum", "choices", List.of("fast", "safe"), "default", "safe"),
                        Map.of("name", "TOKEN", "type", "secret", "regex", "[a-z0-9]{8,}"))));
        assertTrue(run(id, Map.of()).<String>path("error").contains("parameter COUNT is required"));
        assertTrue(
                run(id, Map.of("COUNT", "many")).<String>path("error").contains("parameter COUNT must be an integer"));
        assertTrue(run(id, Map.of("COUNT", 3, "MODE", "reckless"))
                .<String>path("error")
                .contains("parameter MODE must be one of"));
        Response badSecret = run(id, Map.of("COUNT", 3, "TOKEN", "short"));
        assertEquals(422, badSecret.statusCode());
        assertFalse(badSecret.asString().contains("short"), "secret values never appear in errors");
        String taskId =
                Api.ok(run(id, Map.of("COUNT", 3, "TOKEN", "supersecret42"))).path("data.task_id");
        Response done = Api.waitDone("scripts", taskId);
        assertEquals("count=3 mode=safe token=***\n", done.path("data.results[0].stdout"));
        assertFalse(Api.as(Api.VIEWER)
                .get("/api/v1/automation/scripts/history")
                .asString()
                .contains("supersecret42"));
    }

    @Test
    void unknownMembersOfAParameterDeclarationAreRefusedNotIgnored() {
        Map<String, Object> misspelt = new HashMap<>();
        misspelt.put("name", "COUNT");
        misspelt.put("type", "int");
        misspelt.put("requried", true);
        Response r = Api.operator()
                .body(Map.of(
                        "name",
                        "misspelt-" + System.nanoTime(),
                        "content",
                        "echo \"$COUNT\"\n",
                        "parameters",
                        List.of(misspelt)))
                .post("/api/v1/automation/scripts");
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals(400, (int) r.path("code"));
        assertTrue(r.<String>path("error").contains("requried"), r.asString());
        assertTrue(r.<String>path("error").contains("unknown field"), r.asString());
        assertNotNull(r.header("X-Request-Id"));

        long id = create(Map.of(
                "name",
                "strict-" + System.nanoTime(),
                "content",
                "echo \"$COUNT\"\n",
                "parameters",
                List.of(Map.of("name", "COUNT", "type", "int", "required", true))));
        Response update = Api.operator()
                .body(Map.of("parameters", List.of(Map.of("name", "COUNT", "choises", List.of("1", "2")))))
                .put("/api/v1/automation/scripts/" + id);
        assertEquals(400, update.statusCode(), update.asString());
        assertTrue(update.<String>path("error").contains("choises"), update.asString());
        Response kept = Api.ok(Api.as(Api.VIEWER).get("/api/v1/automation/scripts/" + id));
        assertEquals(List.of(Map.of("name", "COUNT", "type", "int", "required", true)), kept.path("data.parameters"));
    }
}
