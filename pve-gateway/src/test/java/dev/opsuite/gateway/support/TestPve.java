package dev.opsuite.gateway.support;

import static io.restassured.RestAssured.given;

import dev.opsuite.devstack.pve.PveTestCluster;
import dev.opsuite.devstack.pve.PveTestNode;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PVE test cluster the facade tests talk to (two HTTPS nodes from devstack), started once per
 * test JVM, and its registration in the gateway under {@link #CLUSTER} as the default cluster.
 */
public final class TestPve {
    public static final String CLUSTER = "lab";

    private static PveTestCluster cluster;

    private TestPve() {}

    public static synchronized PveTestCluster cluster() {
        if (cluster == null) {
            cluster = PveTestCluster.builder()
                    .taskDuration(Duration.ofMillis(800))
                    .lockTimeout(Duration.ofMillis(500))
                    .start();
            PveTestCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        for (PveTestNode n : cluster.nodes()) {
            n.start();
        }
        return cluster;
    }

    /** The cluster registered as the default (idempotent), nodes pinned by fingerprint. */
    public static PveTestCluster registered() {
        PveTestCluster pve = cluster();
        Map<String, Object> body = registration(CLUSTER, pve, true);
        String admin = TestAuth.adminToken();
        int status = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/pve/clusters")
                .then()
                .extract()
                .statusCode();
        if (status == 409) {
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .when()
                    .put("/api/v1/pve/clusters/" + CLUSTER)
                    .then()
                    .statusCode(200);
        } else if (status != 201) {
            throw new IllegalStateException("registering the PVE test cluster answered " + status);
        }
        return pve;
    }

    public static Map<String, Object> registration(String name, PveTestCluster pve, boolean isDefault) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put(
                "nodes",
                pve.nodes().stream()
                        .map(n -> Map.<String, Object>of(
                                "host", "127.0.0.1", "port", n.port(), "fingerprint", n.fingerprint()))
                        .toList());
        body.put("token_id", pve.tokenId());
        body.put("token_secret", pve.tokenSecret());
        body.put("default", isDefault);
        return body;
    }

    public static List<String> nodeNames() {
        return cluster().nodes().stream().map(PveTestNode::name).toList();
    }
}
