package dev.opsuite.gateway.pve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.pve.PveTestCluster;
import dev.opsuite.gateway.pve.facade.FacadeHttpsServer;
import dev.opsuite.gateway.support.PveWire;
import dev.opsuite.gateway.support.TestAuth;
import dev.opsuite.gateway.support.TestPve;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the facade adds to PVE's writes: Idempotency-Key, reservations, retries on a busy guest. */
@QuarkusTest
class PveFacadeWritesTest {

    @Inject
    FacadeHttpsServer https;

    PveTestCluster pve;
    Map<String, String> operator;

    @BeforeEach
    void setUp() {
        pve = TestPve.registered();
        pve.faults().clear();
        operator = Map.of("Authorization", "Bearer " + TestAuth.tokenFor("operator"));
    }

    private PveWire.Reply call(String method, String path, Map<String, String> headers, String form) throws Exception {
        return PveWire.call(https.port(), method, "/api2/json" + path, headers, form);
    }

    @Test
    void idempotencyKeyOnAPostReplaysTheFirstAnswerAndRefusesAnotherBody() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = new java.util.HashMap<>(operator);
        headers.put("Idempotency-Key", key);
        PveWire.Reply first = call("POST", "/nodes/pve1/qemu", headers, "vmid=7401&name=idem&memory=256");
        assertEquals(200, first.status(), first.reason());
        PveWire.Reply again = call("POST", "/nodes/pve1/qemu", headers, "vmid=7401&name=idem&memory=256");
        assertEquals(200, again.status(), "a replay, not PVE's 'already exists': " + again.reason());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.headers().get("idempotent-replayed"));
        PveWire.Reply other = call("POST", "/nodes/pve1/qemu", headers, "vmid=7402&name=other");
        assertEquals(422, other.status());
        assertTrue(new JsonObject(other.body()).getString("message").contains("different request body"), other.body());
    }

    @Test
    void aWriteThatMeetsTheGuestsLockIsRetriedUntilTheTaskLetsGo() throws Exception {
        // the start task holds vm 100's lock for 800 ms; PVE gives up waiting after 500 ms
        PveWire.Reply start = call("POST", "/nodes/pve1/qemu/100/status/start", operator, "");
        assertEquals(200, start.status(), start.reason());
        PveWire.Reply update = call("PUT", "/nodes/pve1/qemu/100/config", operator, "description=after-the-lock");
        assertEquals(200, update.status(), "retried after PVE's lock timeout: " + update.reason());
        JsonObject config = new JsonObject(
                call("GET", "/nodes/pve1/qemu/100/config", operator, null).body());
        assertEquals("after-the-lock", config.getJsonObject("data").getString("description"));
    }

    @Test
    void aPostIsNeverRetriedOnALockTimeout() throws Exception {
        pve.faults().lockTimeoutNext(1, "POST", "/qemu/100/status/stop");
        PveWire.Reply stop = call("POST", "/nodes/pve1/qemu/100/status/stop", operator, "");
        assertEquals(500, stop.status());
        assertEquals("can't lock file '/var/lock/qemu-server/lock-100.conf' - got timeout", stop.reason());
    }

    @Test
    void anIdReservedForOneCallerIsRefusedToAnother() throws Exception {
        String id =
                new JsonObject(call("GET", "/cluster/nextid", operator, null).body()).getString("data");
        PveWire.Reply check = call("GET", "/cluster/nextid?vmid=" + id, operator, null);
        assertEquals(400, check.status());
        assertEquals("Parameter verification failed.", check.reason());
        assertTrue(new JsonObject(check.body())
                .getJsonObject("errors")
                .getString("vmid")
                .contains("reserved"));
        String next =
                new JsonObject(call("GET", "/cluster/nextid", operator, null).body()).getString("data");
        assertTrue(Integer.parseInt(next) > Integer.parseInt(id), next + " after " + id);
    }
}
