package dev.opsuite.gateway.pve;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.pve.PveTestCluster;
import dev.opsuite.gateway.pve.facade.FacadeHttpsServer;
import dev.opsuite.gateway.support.PveWire;
import dev.opsuite.gateway.support.TestAuth;
import dev.opsuite.gateway.support.TestPve;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PveFacadeTest {

    @Inject
    FacadeHttpsServer https;

    PveTestCluster pve;
    String operatorToken;
    String operatorHeader;

    @BeforeEach
    void setUp() {
        pve = TestPve.registered();
        pve.faults().clear();
        String user = TestAuth.uniqueName("op");
        TestAuth.createUser(user, "operator");
        String session = TestAuth.login(user, TestAuth.PASSWORD);
        String name = TestAuth.uniqueName("tf");
        operatorToken = TestAuth.createApiToken(session, name, "operator");
        operatorHeader = "PVEAPIToken=" + user + "@opsuite!" + name + "=" + operatorToken;
    }

    PveWire.Reply get(String path) throws Exception {
        return PveWire.call(https.port(), "GET", "/api2/json" + path, Map.of("Authorization", operatorHeader), null);
    }

    @Test
    void httpsListenerSpeaksHttp11EvenWhenH2IsOfferedAndPassesThePveEnvelopeThrough() throws Exception {
        PveWire.Reply r = get("/cluster/nextid");
        assertEquals("HTTP/1.1", r.protocol());
        assertEquals(200, r.status());
        assertEquals("OK", r.reason());
        assertTrue(r.body().matches("\\{\"data\":\"\\d+\"}"), r.body());
        assertTrue(r.headers().containsKey("x-request-id"));
        JsonObject status = new JsonObject(get("/cluster/status").body());
        assertEquals(1, status.getJsonArray("data").getJsonObject(0).getInteger("quorate"));
        assertEquals(
                "opsuite-test", status.getJsonArray("data").getJsonObject(0).getString("name"));
    }

    @Test
    void tasksListKeepsTotalAndUpidsRouteIntact() throws Exception {
        JsonObject tasks =
                new JsonObject(get("/nodes/pve2/tasks?source=all&errors=1").body());
        assertEquals(1, tasks.getInteger("total"));
        String upid = tasks.getJsonArray("data").getJsonObject(0).getString("upid");
        assertTrue(upid.contains(":vzstart:101:root@pam:"), upid);
        PveWire.Reply status = get("/nodes/pve2/tasks/" + upid + "/status");
        assertEquals(200, status.status(), status.body());
        assertEquals(
                "stopped", new JsonObject(status.body()).getJsonObject("data").getString("status"));
        PveWire.Reply log = get("/nodes/pve2/tasks/" + upid.replace(":", "%3A").replace("@", "%40") + "/log");
        assertEquals(2, new JsonObject(log.body()).getInteger("total"));
    }

    @Test
    void validationFailsBeforePveWithPvesWordingAndReason() throws Exception {
        pve.resetRequestCounts();
        PveWire.Reply node = get("/nodes/bad_node!/status");
        assertEquals(400, node.status());
        assertEquals("Parameter verification failed.", node.reason());
        assertEquals(
                "invalid format - value does not look like a valid node name",
                new JsonObject(node.body()).getJsonObject("errors").getString("node"));
        PveWire.Reply type = get("/cluster/resources?type=vms");
        assertEquals(400, type.status());
        assertEquals(
                "value 'vms' does not have a value in the enumeration 'vm, storage, node, sdn'",
                new JsonObject(type.body()).getJsonObject("errors").getString("type"));
        JsonObject tasks = new JsonObject(
                get("/nodes/pve1/tasks?errors=true&limit=-1&colour=red").body());
        assertEquals(
                "type check ('boolean') failed - got 'true'",
                tasks.getJsonObject("errors").getString("errors"));
        assertEquals(
                "value must have a minimum value of 0",
                tasks.getJsonObject("errors").getString("limit"));
        assertTrue(tasks.getJsonObject("errors").getString("colour").startsWith("property is not defined"));
        // (the poller's own reads of /cluster/status and the task lists may be counted meanwhile)
        assertTrue(
                pve.requestCounts().keySet().stream()
                        .noneMatch(k -> k.contains("bad_node") || k.contains("type=vms") || k.contains("colour")),
                "nothing of these reached PVE: " + pve.requestCounts());
        // a well-formed but unknown node is PVE's own answer, passed through with its reason
        PveWire.Reply unknown = get("/nodes/pve9/status");
        assertEquals(500, unknown.status());
        assertTrue(unknown.reason().startsWith("hostname lookup 'pve9' failed"), unknown.reason());
    }

    @Test
    void authFailuresAnswerLikePveWithEmptyBodies() throws Exception {
        PveWire.Reply none = PveWire.call(https.port(), "GET", "/api2/json/nodes", Map.of(), null);
        assertEquals(401, none.status());
        assertEquals("No ticket", none.reason());
        assertEquals("", none.body());
        PveWire.Reply bad = PveWire.call(
                https.port(),
                "GET",
                "/api2/json/nodes",
                Map.of("Authorization", "PVEAPIToken=admin@opsuite!nope=opsk_wrong"),
                null);
        assertEquals(401, bad.status());
        assertEquals("Authentication failed!", bad.reason());
        assertEquals("", bad.body());
        // the space form of the token header works as well, also on the HTTP port
        given().header("Authorization", operatorHeader.replaceFirst("=", " "))
                .when()
                .get("/api2/json/version")
                .then()
                .statusCode(200)
                .body("data.version", equalTo("8.3.2"));
    }

    @Test
    void viewersOnlyReadAndTheCallersCredentialsNeverReachPve() throws Exception {
        String viewer = TestAuth.tokenFor("viewer");
        given().auth()
                .oauth2(viewer)
                .when()
                .get("/api2/json/nodes")
                .then()
                .statusCode(200)
                .body("data.node", org.hamcrest.Matchers.hasItems("pve1", "pve2"));
        PveWire.Reply denied = PveWire.call(
                https.port(),
                "POST",
                "/api2/json/nodes/pve1/qemu/100/status/stop",
                Map.of("Authorization", "Bearer " + viewer),
                "");
        assertEquals(403, denied.status());
        assertTrue(denied.reason().startsWith("Permission check failed"), denied.reason());
    }

    @Test
    void identityPathsAreAnsweredForTheCallersRole() {
        String viewer = TestAuth.tokenFor("viewer");
        given().auth()
                .oauth2(viewer)
                .when()
                .get("/api2/json/access/permissions")
                .then()
                .statusCode(200)
                .body("data.'/'.'VM.Audit'", equalTo(1))
                .body("data.'/'", not(hasKey("VM.PowerMgmt")));
        given().header("Authorization", operatorHeader)
                .when()
                .get("/api2/json/access/permissions")
                .then()
                .statusCode(200)
                .body("data.'/vms'.'VM.PowerMgmt'", equalTo(1))
                .body("data.'/'", not(hasKey("Sys.Modify")));
        given().auth()
                .oauth2(TestAuth.adminToken())
                .when()
                .get("/api2/json/access/users?full=1")
                .then()
                .statusCode(200)
                .body("data.userid", org.hamcrest.Matchers.hasItem("admin@opsuite"));
    }

    @Test
    void ticketLoginRenewsWithTheTicketAndWritesNeedTheCsrfToken() throws Exception {
        PveWire.Reply login = PveWire.call(
                https.port(),
                "POST",
                "/api2/json/access/ticket",
                Map.of(),
                "username=admin%40opsuite&password=" + TestAuth.ADMIN_PASSWORD);
        assertEquals(200, login.status(), login.body());
        JsonObject data = new JsonObject(login.body()).getJsonObject("data");
        assertEquals("admin@opsuite", data.getString("username"));
        String ticket = data.getString("ticket");
        assertTrue(ticket.startsWith("PVE:admin@opsuite:"), ticket);
        String cookie = "PVEAuthCookie=" + ticket;
        assertEquals(
                200,
                PveWire.call(https.port(), "GET", "/api2/json/version", Map.of("Cookie", cookie), null)
                        .status());
        PveWire.Reply noCsrf = PveWire.call(
                https.port(),
                "PUT",
                "/api2/json/nodes/pve1/qemu/100/config",
                Map.of("Cookie", cookie),
                "description=x");
        assertEquals(401, noCsrf.status());
        assertEquals("Permission denied - invalid csrf token", noCsrf.reason());
        PveWire.Reply withCsrf = PveWire.call(
                https.port(),
                "PUT",
                "/api2/json/nodes/pve1/qemu/100/config",
                Map.of("Cookie", cookie, "CSRFPreventionToken", data.getString("CSRFPreventionToken")),
                "description=x");
        assertEquals(200, withCsrf.status(), withCsrf.reason());
        PveWire.Reply renewed = PveWire.call(
                https.port(),
                "POST",
                "/api2/json/access/ticket",
                Map.of(),
                "username=admin%40opsuite&password="
                        + java.net.URLEncoder.encode(ticket, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, renewed.status());
        assertFalse(new JsonObject(renewed.body())
                .getJsonObject("data")
                .getString("ticket")
                .equals(ticket));
        PveWire.Reply nul = PveWire.call(
                https.port(), "POST", "/api2/json/access/ticket", Map.of(), "username=ad%00min%40opsuite&password=x");
        assertEquals(401, nul.status(), "a NUL names no user: " + nul.reason());
        PveWire.Reply wrong = PveWire.call(
                https.port(), "POST", "/api2/json/access/ticket", Map.of(), "username=admin%40opsuite&password=wrong");
        assertEquals(401, wrong.status());
        assertEquals("authentication failure", wrong.reason());
    }

    @Test
    void pve596PassesThroughOnPostAndIsRetriedOnGet() throws Exception {
        pve.faults().failNext(1, "/qemu/100/status/start", 596, "Broken pipe");
        PveWire.Reply post = PveWire.call(
                https.port(),
                "POST",
                "/api2/json/nodes/pve1/qemu/100/status/start",
                Map.of("Authorization", operatorHeader),
                "");
        assertEquals(596, post.status());
        assertEquals("Broken pipe", post.reason());
        pve.faults().failNext(2, "/nodes/pve1/network", 599, "Too many redirections");
        PveWire.Reply read = get("/nodes/pve1/network");
        assertEquals(200, read.status(), "third attempt succeeds: " + read.reason());
        pve.faults().lockTimeoutNext(1, "PUT", "/qemu/100/config");
        PveWire.Reply put = PveWire.call(
                https.port(),
                "PUT",
                "/api2/json/nodes/pve1/qemu/100/config",
                Map.of("Authorization", operatorHeader),
                "description=retried");
        assertEquals(200, put.status(), put.reason());
    }

    @Test
    void concurrentIdenticalOverviewReadsShareOneUpstreamCall() throws Exception {
        pve.resetRequestCounts();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Callable<Integer> c = () -> get("/cluster/resources?type=vm").status();
                all.add(pool.submit(c));
            }
            for (Future<Integer> f : all) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(
                1,
                pve.requests("/api2/json/cluster/resources?type=vm"),
                pve.requestCounts().toString());
    }

    @Test
    void nodeDownFailsOverToTheNextNode() throws Exception {
        pve.node(0).stop();
        try {
            PveWire.Reply r = get("/nodes/pve2/status");
            assertEquals(200, r.status(), r.reason());
        } finally {
            pve.node(0).start();
        }
    }

    @Test
    void fingerprintMismatchIsAClear502AndTheNodeIsNeverTrusted() {
        Map<String, Object> body = TestPve.registration(TestAuth.uniqueName("pinned"), pve, false);
        body.put(
                "nodes",
                List.of(Map.of(
                        "host",
                        "127.0.0.1",
                        "port",
                        pve.node(0).port(),
                        "fingerprint",
                        pve.node(1).fingerprint())));
        String name = (String) body.get("name");
        given().auth()
                .oauth2(TestAuth.adminToken())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/pve/clusters")
                .then()
                .statusCode(201)
                .body("token_secret_set", equalTo(true))
                .body("$", not(hasKey("token_secret")));
        given().header("Authorization", operatorHeader)
                .header("X-PVE-Cluster", name)
                .when()
                .get("/api2/json/nodes")
                .then()
                .statusCode(502)
                .body("message", org.hamcrest.Matchers.containsString("certificate fingerprint mismatch"));
        given().header("Authorization", operatorHeader)
                .header("X-PVE-Cluster", "no-such-cluster")
                .when()
                .get("/api2/json/nodes")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestAuth.adminToken())
                .when()
                .delete("/api/v1/pve/clusters/" + name)
                .then()
                .statusCode(204);
    }

    @Test
    void clusterRegistryValidatesAndNeverReturnsTheSecret() {
        String admin = TestAuth.adminToken();
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "bad name",
                        "nodes",
                        List.of(Map.of("host", "https://x", "fingerprint", "AB")),
                        "token_id",
                        "root"))
                .when()
                .post("/api/v1/pve/clusters")
                .then()
                .statusCode(400)
                .body("details.name", org.hamcrest.Matchers.notNullValue())
                .body("details.'nodes[0].host'", org.hamcrest.Matchers.notNullValue())
                .body("details.'nodes[0].fingerprint'", org.hamcrest.Matchers.notNullValue())
                .body("details.token_id", org.hamcrest.Matchers.notNullValue())
                .body("details.token_secret", equalTo("required"));
        String listed = given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/pve/clusters")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(listed.contains(pve.tokenSecret()), "the token secret never leaves the gateway");
        given().auth()
                .oauth2(TestAuth.tokenFor("operator"))
                .when()
                .get("/api/v1/pve/clusters")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/pve/clusters/nope")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .urlEncodingEnabled(false)
                .when()
                .get("/api/v1/pve/clusters/la%00b")
                .then()
                .statusCode(400); // refused at the edge (RequestGuard), before any lookup
        given().auth()
                .oauth2(admin)
                .urlEncodingEnabled(false)
                .when()
                .delete("/api/v1/pve/clusters/%ED%A0%80x")
                .then()
                .statusCode(400);
    }

    @Test
    void parallelNextidCallersGetDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(pool.submit(() -> new JsonObject(get("/cluster/nextid").body()).getString("data")));
            }
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (Future<String> f : ids) {
                distinct.add(f.get());
            }
            assertEquals(10, distinct.size(), distinct.toString());
        } finally {
            pool.shutdown();
        }
    }
}
