package dev.opsuite.telemetry.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opsuite.devstack.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint of the service against every caller: anonymous, viewer, operator, admin. */
@QuarkusTest
class EndpointRolesTest {
    private static final String TODAY = LocalDate.now().toString();
    private static final List<String> ANONYMOUS_READS = List.of(
            "/stats",
            "/api/v1/telemetry/dashboard",
            "/api/v1/telemetry/records",
            "/api/v1/telemetry/apps",
            "/api/v1/telemetry/errors",
            "/api/v1/telemetry/exit-codes",
            "/api/v1/telemetry/exit-codes/206",
            "/api/v1/telemetry/export?format=csv&since=" + TODAY,
            "/data/json",
            "/data/paginated",
            "/data/summary",
            "/data/nsapp?nsapp=none",
            "/data/status?status=none",
            "/data/os?os_type=none",
            "/data/date?start_date=" + TODAY + "&end_date=" + TODAY,
            "/data/errors",
            "/dashboard");
    private static final List<String> INGEST =
            List.of("/telemetry", "/install", "/update", "/upload", "/upload/updatestatus");
    private static final List<String> ADMIN = List.of(
            "/api/v1/telemetry/admin/sweeper/run?older_than_seconds=315360000",
            "/api/v1/telemetry/admin/retention/run?days=3650",
            "/api/v1/telemetry/admin/rollups/rebuild?since=2999-01-01");
    private static final String[] ROLES = {null, "viewer", "operator", "admin"};

    private static RequestSpecification as(String role) {
        RequestSpecification r = given();
        return role == null ? r : r.auth().oauth2(TestTokens.issue("walker-" + role, role));
    }

    @Test
    void readsAndIngestAreAnonymousAndAdminJobsNeedTheAdminRole() {
        List<String> wrong = new ArrayList<>();
        int ip = 1;
        for (String role : ROLES) {
            for (String path : ANONYMOUS_READS) {
                int status = as(role).get(path).statusCode();
                if (status != 200) {
                    wrong.add("GET " + path + " as " + role + " -> " + status);
                }
            }
            for (String path : INGEST) {
                // "{}" breaks the field rules: 400 shows the request got past authorization
                int status = as(role).header("X-Forwarded-For", "192.0.2." + ip++)
                        .body("{}")
                        .post(path)
                        .statusCode();
                if (status != 400) {
                    wrong.add("POST " + path + " as " + role + " -> " + status);
                }
            }
            for (String path : ADMIN) {
                int expected = role == null ? 401 : role.equals("admin") ? 200 : 403;
                int status = as(role).post(path).statusCode();
                if (status != expected) {
                    wrong.add("POST " + path + " as " + role + " -> " + status + " (expected " + expected + ")");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void forgedTokensAreRefusedOnAdminEndpoints() {
        String path = ADMIN.get(0);
        given().auth()
                .oauth2(TestTokens.tampered(TestTokens.issue("mallory", "viewer")))
                .post(path)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.expired("mallory", "admin"))
                .post(path)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.algNone("mallory", "admin"))
                .post(path)
                .then()
                .statusCode(401);
    }
}
