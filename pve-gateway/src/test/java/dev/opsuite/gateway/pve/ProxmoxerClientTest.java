package dev.opsuite.gateway.pve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.pve.PveTestCluster;
import dev.opsuite.gateway.pve.facade.FacadeHttpsServer;
import dev.opsuite.gateway.support.TestAuth;
import dev.opsuite.gateway.support.TestPve;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * proxmoxer, the most used Python PVE client (Debian's python3-proxmoxer, run by Debian's
 * /usr/bin/python3), against the facade: only the host, port and credentials differ from pointing
 * it at PVE itself.
 */
@QuarkusTest
class ProxmoxerClientTest {
    private static final String PYTHON = "/usr/bin/python3";

    @Inject
    FacadeHttpsServer https;

    @Test
    void proxmoxerWorksAgainstTheFacadeWithTokensTicketsWritesAndFailover() throws Exception {
        assertTrue(
                new ProcessBuilder(PYTHON, "-c", "import proxmoxer").start().waitFor() == 0,
                "python3-proxmoxer is missing: apt-get install -y python3-proxmoxer");
        PveTestCluster pve = TestPve.registered();
        pve.faults().clear();
        String user = TestAuth.uniqueName("px");
        TestAuth.createUser(user, "operator");
        String name = TestAuth.uniqueName("tok");
        String secret = TestAuth.createApiToken(TestAuth.login(user, TestAuth.PASSWORD), name, "operator");

        Path script = Files.createTempFile("facade_client", ".py");
        try (InputStream in = getClass().getResourceAsStream("/proxmoxer/facade_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString());
        pb.environment().put("FACADE_HTTPS_PORT", Integer.toString(https.port()));
        pb.environment().put("FACADE_HTTP_PORT", Integer.toString(RestAssured.port));
        pb.environment().put("OPSUITE_USER", user);
        pb.environment().put("OPSUITE_TOKEN_NAME", name);
        pb.environment().put("OPSUITE_TOKEN_SECRET", secret);
        pb.environment().put("OPSUITE_ADMIN_PASSWORD", TestAuth.ADMIN_PASSWORD);
        pb.environment()
                .put("PVE_CONTROL_URL", "https://127.0.0.1:" + pve.node(1).port());
        pb.environment().put("PVE_CLUSTER", TestPve.CLUSTER);
        Path stderr = Files.createTempFile("facade_client", ".err");
        pb.redirectError(stderr.toFile());
        Process process = pb.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "proxmoxer script timed out");
        assertEquals(0, process.exitValue(), "proxmoxer script failed:\n" + Files.readString(stderr) + stdout);
        JsonObject out = new JsonObject(stdout.trim());

        assertEquals("8.3.2", out.getJsonObject("version").getString("version"));
        assertEquals(2, out.getJsonArray("nodes").size());
        assertEquals(
                "opsuite-test",
                out.getJsonArray("cluster_status").getJsonObject(0).getString("name"));
        assertTrue(out.getJsonArray("resources_vm").stream()
                .allMatch(o -> Set.of("qemu", "lxc").contains(((JsonObject) o).getString("type"))));
        assertEquals(
                "6.8.12-5-pve",
                out.getJsonObject("node_status").getJsonObject("current-kernel").getString("release"));
        assertEquals("vzstart", out.getJsonArray("tasks").getJsonObject(0).getString("type"));
        assertEquals("vmbr0", out.getJsonArray("network").getJsonObject(0).getString("iface"));
        assertTrue(out.getString("nextid").matches("\\d+"), "nextid stays a string: " + out.getValue("nextid"));

        JsonObject bad = out.getJsonObject("bad_request");
        assertEquals(400, bad.getInteger("status"));
        assertEquals("Parameter verification failed.", bad.getString("reason"));
        // proxmoxer 1.2 reads errors from "data" (null on PVE's 400s), so the reason is what it reports
        assertTrue(out.getString("bad_request_text").contains("400 Bad Request: Parameter verification failed."));

        assertTrue(out.getString("create_upid").contains(":qmcreate:"), out.getString("create_upid"));
        assertEquals(200, out.getInteger("wait_status"), String.valueOf(out.getValue("wait")));
        assertEquals(true, out.getJsonObject("wait").getBoolean("finished"));
        assertEquals("OK", out.getJsonObject("wait").getString("exitstatus"));
        assertEquals("stopped", out.getJsonObject("task_status").getString("status"));

        assertEquals("8.3.2", out.getString("ticket_version"));
        assertEquals(2, out.getInteger("ticket_nodes"));
        assertEquals(true, out.getBoolean("ticket_renewed"));
        assertEquals("AuthenticationError", out.getString("bad_login"));

        JsonArray ids = out.getJsonArray("parallel_ids");
        Set<Object> distinct = new HashSet<>(ids.getList());
        assertEquals(10, distinct.size(), "ten creators, ten ids: " + ids);
        for (Object id : ids) {
            assertTrue(pve.guestExists(((Number) id).intValue()), "guest " + id + " was created");
        }

        assertEquals("offline", out.getJsonObject("failover_nodes").getString("pve1"));
        assertEquals("online", out.getJsonObject("failover_nodes").getString("pve2"));
        assertTrue(out.getString("failover_status").startsWith("pve-manager/"));
    }
}
