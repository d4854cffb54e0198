package dev.opsuite.automation.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.automation.support.Api;
import dev.opsuite.automation.support.Nodes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Resume of a failed workflow run: completed steps keep their results and do not run again. */
@QuarkusTest
class ResumeTest {

    @Test
    void resumeRerunsOnlyWhatDidNotCompleteAsANewLinkedRun() throws Exception {
        Api.enableAll();
        Nodes.cluster("resume-lab", Nodes.shared(1));
        String mark = "/tmp/opsuite-resume-" + UUID.randomUUID();
        long id = Api.created(Api.operator()
                        .body(Map.of(
                                "name",
                                "resume-" + UUID.randomUUID(),
                                "definition",
                                Map.of(
                                        "steps",
                                        List.of(
                                                Map.of(
                                                        "id",
                                                        "a",
                                                        "type",
                                                        "ssh",
                                                        "command",
                                                        "echo ran >> " + mark + ".a"),
                                                Map.of(
                                                        "id",
                                                        "b",
                                                        "type",
                                                        "ssh",
                                                        "command",
                                                        "test -f " + mark + ".b || { touch " + mark + ".b; exit 9; }",
                                                        "depends_on",
                                                        List.of("a")),
                                                Map.of(
                                                        "id",
                                                        "c",
                                                        "type",
                                                        "ssh",
                                                        "command",
                                                        "echo c",
                                                        "depends_on",
                                                        List.of("b"))))))
                        .post("/api/v1/automation/workflows"))
                .<Integer>path("data.id");
        String first = Api.ok(Api.operator()
                        .body(Map.of(
                                "workflow_id",
                                id,
                                "cluster_name",
                                "resume-lab",
                                "target_nodes",
                                List.of("node1"),
                                "credential_id",
                                Nodes.credential()))
                        .post("/api/v1/automation/workflows/execute"))
                .path("data.task_id");
        Response failed = Api.waitDone("workflows", first);
        assertEquals("failed", failed.path("data.status"));
        assertEquals(List.of("completed", "failed", "skipped"), failed.path("data.steps.status"));

        Response resumed = Api.ok(Api.operator().post("/api/v1/automation/workflows/resume/" + first));
        String second = resumed.path("data.task_id");
        assertEquals("b", resumed.path("data.current_step"));
        Response done = Api.waitDone("workflows", second);
        assertEquals("completed", done.path("data.status"), done.asString());
        assertEquals(List.of("completed", "completed", "completed"), done.path("data.steps.status"));
        assertTrue(
                done.<String>path("data.steps[0].message").startsWith("carried over from " + first), done.asString());
        assertEquals(List.of("ran"), Files.readAllLines(Path.of(mark + ".a")), "step a ran again");

        assertEquals(
                409,
                Api.operator()
                        .post("/api/v1/automation/workflows/resume/" + second)
                        .statusCode(),
                "a completed run does not resume");
    }
}
