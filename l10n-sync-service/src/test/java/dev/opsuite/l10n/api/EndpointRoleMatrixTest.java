package dev.opsuite.l10n.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.opsuite.devstack.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint x every role: without a token 401, below the endpoint's role 403, at or above it
 * anything but 401/403 (a 404 for a made-up id still proves the caller got past the lock).
 */
@QuarkusTest
class EndpointRoleMatrixTest {
    static final String CID = "b3:" + "0".repeat(64);

    record Endpoint(String method, String path, String minRole, String contentType, String body) {}

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v6/packs", "viewer", null, null),
            new Endpoint("POST", "/api/v6/packs", "operator", "application/json", "{}"),
            new Endpoint("GET", "/api/v6/packs/pack_x", "viewer", null, null),
            new Endpoint("PUT", "/api/v6/packs/pack_x", "operator", "application/json", "{}"),
            new Endpoint("DELETE", "/api/v6/packs/pack_x", "operator", null, null),
            new Endpoint("GET", "/api/v6/pack-versions", "viewer", null, null),
            new Endpoint("POST", "/api/v6/pack-versions", "operator", "application/json", "{}"),
            new Endpoint("GET", "/api/v6/pack-versions/packver_x/mods", "viewer", null, null),
            new Endpoint("GET", "/api/v6/mods", "viewer", null, null),
            new Endpoint("POST", "/api/v6/mods", "operator", "application/json", "{}"),
            new Endpoint("GET", "/api/v6/mods/mod_x", "viewer", null, null),
            new Endpoint("PUT", "/api/v6/mods/mod_x", "operator", "application/json", "{}"),
            new Endpoint("DELETE", "/api/v6/mods/mod_x", "operator", null, null),
            new Endpoint("GET", "/api/v6/mod-versions", "viewer", null, null),
            new Endpoint("POST", "/api/v6/mod-versions", "operator", "application/json", "{}"),
            new Endpoint("GET", "/api/v6/language-files", "viewer", null, null),
            new Endpoint("POST", "/api/v6/language-files", "operator", "application/json", "{}"),
            new Endpoint("GET", "/api/v6/language-files/file_x", "viewer", null, null),
            new Endpoint("POST", "/api/v6/language-files/file_x/import", "operator", "application/json", "{}"),
            new Endpoint("GET", "/api/v6/translations", "viewer", null, null),
            new Endpoint("GET", "/api/v6/translations/entry_x", "viewer", null, null),
            new Endpoint("PUT", "/api/v6/translations/entry_x", "operator", "application/json", "{}"),
            new Endpoint("POST", "/api/v6/translations/batch", "operator", "application/x-ndjson", "{}\n"),
            new Endpoint("GET", "/api/v6/translations/entry_x/suggestions", "viewer", null, null),
            new Endpoint("POST", "/api/v6/sync/handshake", "operator", "application/json", "{}"),
            new Endpoint("POST", "/api/v6/sync/confirm", "operator", "application/json", "{}"),
            new Endpoint("PUT", "/api/v6/sync/chunk/" + CID, "operator", "application/x-ndjson", "{}\n"),
            new Endpoint("HEAD", "/api/v6/sync/chunk/" + CID, "operator", null, null),
            new Endpoint("POST", "/api/v6/sync/commit", "operator", "application/json", "{}"),
            new Endpoint("POST", "/api/v6/sync/fetch", "viewer", "application/json", "{\"cids\":[]}"),
            new Endpoint("GET", "/api/v6/sync/history", "viewer", null, null),
            new Endpoint("GET", "/api/v6/export/ndjson?limit=1", "viewer", null, null),
            new Endpoint("GET", "/api/v6/export/pb?limit=1", "viewer", null, null),
            new Endpoint("GET", "/api/v6/dicts", "viewer", null, null),
            new Endpoint("GET", "/api/v6/dicts/xx_yy@2025-01", "viewer", null, null),
            new Endpoint("POST", "/api/v6/dicts", "operator", "application/json", "{}"),
            new Endpoint("GET", "/api/v6/queue/tasks", "viewer", null, null),
            new Endpoint("GET", "/api/v6/queue/tasks/999999999", "viewer", null, null),
            new Endpoint("POST", "/api/v6/queue/tasks", "operator", "application/json", "{}"),
            new Endpoint("POST", "/api/v6/queue/tasks/999999999/lease", "operator", "application/json", "{}"),
            new Endpoint("POST", "/api/v6/queue/tasks/999999999/complete", "operator", "application/json", "{}"),
            new Endpoint("GET", "/api/v6/queue/status", "viewer", null, null),
            new Endpoint("GET", "/api/v6/settings", "viewer", null, null),
            new Endpoint("GET", "/api/v6/settings/chunk_size_mb", "viewer", null, null),
            new Endpoint("PUT", "/api/v6/settings/no_such_key", "admin", "application/json", "{\"value\":1}"),
            new Endpoint("GET", "/api/v6/cache/status", "viewer", null, null),
            new Endpoint("POST", "/api/v6/cache/cleanup", "operator", null, null),
            new Endpoint("POST", "/api/v6/cache/warmup", "operator", "application/json", "{}"),
            new Endpoint("GET", "/api/v6/database/statistics", "viewer", null, null),
            new Endpoint("GET", "/api/v6/glossary", "viewer", null, null),
            new Endpoint("POST", "/api/v6/glossary", "operator", "application/json", "{}"),
            new Endpoint("PUT", "/api/v6/glossary/term_x", "operator", "application/json", "{}"),
            new Endpoint("DELETE", "/api/v6/glossary/term_x", "operator", null, null),
            new Endpoint("GET", "/api/v6/webhooks", "admin", null, null),
            new Endpoint("POST", "/api/v6/webhooks", "admin", "application/json", "{}"),
            new Endpoint("DELETE", "/api/v6/webhooks/hook_x", "admin", null, null));

    static final List<String> ROLES = List.of("viewer", "operator", "admin");

    private static Response call(Endpoint e, String role) {
        RequestSpecification spec = given();
        if (role != null) {
            spec = spec.header("Authorization", "Bearer " + TestTokens.issue("matrix-" + role, role));
        }
        if (e.contentType() != null) {
            spec = spec.contentType(e.contentType()).body(e.body().getBytes(StandardCharsets.UTF_8));
        }
        return spec.request(e.method(), e.path());
    }

    @Test
    void everyEndpointEnforcesItsRole() {
        List<String> failures = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            Response anonymous = call(e, null);
            if (anonymous.statusCode() != 401) {
                failures.add(e.method() + " " + e.path() + " anonymous -> " + anonymous.statusCode());
            }
            for (String role : ROLES) {
                int status = call(e, role).statusCode();
                boolean allowed = ROLES.indexOf(role) >= ROLES.indexOf(e.minRole());
                if (allowed && (status == 401 || status == 403)) {
                    failures.add(e.method() + " " + e.path() + " " + role + " refused: " + status);
                }
                if (!allowed && status != 403) {
                    failures.add(e.method() + " " + e.path() + " " + role + " should be 403, was " + status);
                }
                if (status >= 500) {
                    failures.add(e.method() + " " + e.path() + " " + role + " -> " + status);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void errorsSpeakTheL10nDialectWithARequestId() {
        Response r = given().get("/api/v6/packs");
        assertEquals(401, r.statusCode());
        assertNotNull(r.header("X-Request-Id"));
        Response forbidden = given().header("Authorization", "Bearer " + TestTokens.issue("v", "viewer"))
                .contentType("application/json")
                .body("{}")
                .post("/api/v6/packs");
        assertEquals(403, forbidden.statusCode());
        assertEquals("forbidden", forbidden.path("error"));
        assertEquals(forbidden.header("X-Request-Id"), forbidden.path("request_id"));
        assertNotNull(forbidden.jsonPath().getMap("details"));
    }
}
