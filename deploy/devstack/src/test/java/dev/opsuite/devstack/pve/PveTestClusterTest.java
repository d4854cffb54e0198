package dev.opsuite.devstack.pve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PveTestClusterTest {

    static PveTestCluster pve;

    @BeforeAll
    static void start() {
        pve = PveTestCluster.builder()
                .taskDuration(Duration.ofMillis(1500))
                .lockTimeout(Duration.ofSeconds(4))
                .start();
    }

    @AfterAll
    static void stop() {
        pve.close();
    }

    record Reply(int status, String reason, Map<String, String> headers, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** One HTTP/1.1 exchange over TLS, read byte by byte so the status line's reason phrase is visible. */
    static Reply call(int node, String method, String path, String authorization, String form) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        X509Certificate[] seen = new X509Certificate[1];
        ssl.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        public void checkServerTrusted(X509Certificate[] chain, String authType) {
                            seen[0] = chain[0];
                        }

                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        try (SSLSocket socket = (SSLSocket)
                ssl.getSocketFactory().createSocket("127.0.0.1", pve.node(node).port())) {
            StringBuilder req =
                    new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            if (authorization != null) {
                req.append("Authorization: ").append(authorization).append("\r\n");
            }
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            if (form != null) {
                req.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                        .append(body.length)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            String raw = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            assertEquals(SelfSignedTls.fingerprint(seen[0]), pve.node(node).fingerprint());
            int split = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, split).split("\r\n");
            String[] status = lines[0].split(" ", 3);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, c).toLowerCase(Locale.ROOT),
                        lines[i].substring(c + 1).trim());
            }
            return new Reply(Integer.parseInt(status[1]), status[2], headers, raw.substring(split + 4));
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static Reply get(String path) throws Exception {
        return call(0, "GET", "/api2/json" + path, pve.authorizationHeader(), null);
    }

    @Test
    void answersInPvesEnvelopeWithOkReason() throws Exception {
        Reply r = get("/version");
        assertEquals(200, r.status());
        assertEquals("OK", r.reason());
        assertEquals("application/json;charset=UTF-8", r.headers().get("content-type"));
        assertEquals("8.3.2", r.json().getJsonObject("data").getString("version"));
    }

    @Test
    void nextidIsAStringAndNodesFlagsAreZeroOrOne() throws Exception {
        assertTrue(get("/cluster/nextid").body().matches("\\{\"data\":\"\\d+\"}"));
        JsonObject status = get("/cluster/status").json();
        JsonObject cluster = status.getJsonArray("data").getJsonObject(0);
        assertEquals("opsuite-test", cluster.getString("name"));
        assertEquals(1, cluster.getInteger("quorate"));
        assertEquals(1, status.getJsonArray("data").getJsonObject(1).getInteger("local"));
    }

    @Test
    void missingCredentialsAre401NoTicketWithEmptyBody() throws Exception {
        Reply r = call(0, "GET", "/api2/json/nodes", null, null);
        assertEquals(401, r.status());
        assertEquals("No ticket", r.reason());
        assertEquals("", r.body());
        Reply bad = call(0, "GET", "/api2/json/nodes", "PVEAPIToken=root@pam!opsuite=wrong", null);
        assertEquals(401, bad.status());
        assertEquals("invalid token value!", bad.reason());
    }

    @Test
    void validationFailuresCarryPvesReasonAndPerParameterErrors() throws Exception {
        Reply r = get("/cluster/resources?type=vms");
        assertEquals(400, r.status());
        assertEquals("Parameter verification failed.", r.reason());
        assertEquals(
                "value 'vms' does not have a value in the enumeration 'vm, storage, node, sdn'",
                r.json().getJsonObject("errors").getString("type"));
        Reply unknown = get("/nodes/pve1/tasks?colour=red");
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().getJsonObject("errors").getString("colour").startsWith("property is not defined"));
    }

    @Test
    void unknownNodeIsPves500HostnameLookup() throws Exception {
        Reply r = get("/nodes/pve9/status");
        assertEquals(500, r.status());
        assertTrue(r.reason().startsWith("hostname lookup 'pve9' failed"), r.reason());
    }

    @Test
    void createRunsATaskThatHoldsTheLockUntilItStops() throws Exception {
        Reply created = call(
                0, "POST", "/api2/json/nodes/pve1/qemu", pve.authorizationHeader(), "vmid=4242&name=t1&memory=512");
        assertEquals(200, created.status(), created.body());
        String upid = created.json().getString("data");
        assertTrue(upid.startsWith("UPID:pve1:") && upid.contains(":qmcreate:4242:root@pam!opsuite:"), upid);
        String encoded = upid.replace(":", "%3A").replace("@", "%40").replace("!", "%21");
        JsonObject running =
                get("/nodes/pve1/tasks/" + encoded + "/status").json().getJsonObject("data");
        assertEquals("running", running.getString("status"));
        Reply locked = call(0, "PUT", "/api2/json/nodes/pve1/qemu/4242/config", pve.authorizationHeader(), "cores=2");
        // the lock wait (4 s) outlasts the 1.5 s task: the update goes through after it
        assertEquals(200, locked.status(), locked.reason());
        JsonObject stopped = get("/nodes/pve1/tasks/" + upid + "/status").json().getJsonObject("data");
        assertEquals("stopped", stopped.getString("status"));
        assertEquals("OK", stopped.getString("exitstatus"));
        Reply again = call(0, "POST", "/api2/json/nodes/pve1/qemu", pve.authorizationHeader(), "vmid=4242");
        assertEquals(500, again.status());
        assertEquals("VM 4242 already exists on node 'pve1'", again.reason());
    }

    @Test
    void faultsOnDemandAnswerTheirStatusAndLockTimeout() throws Exception {
        pve.faults().failNext(1, "/cluster/resources", 596, "Broken pipe");
        Reply r = get("/cluster/resources");
        assertEquals(596, r.status());
        assertEquals("Broken pipe", r.reason());
        assertEquals(200, get("/cluster/resources").status());
        pve.faults().lockTimeoutNext(1, "PUT", "/qemu/100/config");
        Reply lock = call(0, "PUT", "/api2/json/nodes/pve1/qemu/100/config", pve.authorizationHeader(), "cores=4");
        assertEquals(500, lock.status());
        assertEquals("can't lock file '/var/lock/qemu-server/lock-100.conf' - got timeout", lock.reason());
    }

    @Test
    void tasksListCarriesTotalAndFilters() throws Exception {
        JsonObject all = get("/nodes/pve2/tasks?source=all&errors=1").json();
        assertEquals(1, all.getInteger("total"));
        assertEquals("vzstart", all.getJsonArray("data").getJsonObject(0).getString("type"));
    }
}
