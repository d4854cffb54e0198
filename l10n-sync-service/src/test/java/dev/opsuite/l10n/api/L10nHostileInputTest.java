package dev.opsuite.l10n.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.devstack.test.hostile.ApiOperation;
import dev.opsuite.devstack.test.hostile.ErrorShape;
import dev.opsuite.devstack.test.hostile.HostileInputProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the l10n OpenAPI document under hostile input: never a 5xx, always an
 * X-Request-Id, errors in the l10n dialect ({error, message, details, request_id}). The probe only
 * covers what the document declares, so the document is checked to list every endpoint with its
 * parameter types and body media types.
 */
@QuarkusTest
class L10nHostileInputTest {
    /** Every endpoint of the API (README), in the probe's "METHOD path" form. */
    static final Set<String> ENDPOINTS = Set.of(
            "GET /api/v6/packs",
            "POST /api/v6/packs",
            "GET /api/v6/packs/{uid}",
            "PUT /api/v6/packs/{uid}",
            "DELETE /api/v6/packs/{uid}",
            "GET /api/v6/pack-versions",
            "POST /api/v6/pack-versions",
            "GET /api/v6/pack-versions/{uid}/mods",
            "GET /api/v6/mods",
            "POST /api/v6/mods",
            "GET /api/v6/mods/{uid}",
            "PUT /api/v6/mods/{uid}",
            "DELETE /api/v6/mods/{uid}",
            "GET /api/v6/mod-versions",
            "POST /api/v6/mod-versions",
            "GET /api/v6/language-files",
            "POST /api/v6/language-files",
            "GET /api/v6/language-files/{uid}",
            "POST /api/v6/language-files/{uid}/import",
            "GET /api/v6/translations",
            "GET /api/v6/translations/{uid}",
            "PUT /api/v6/translations/{uid}",
            "POST /api/v6/translations/batch",
            "GET /api/v6/translations/{uid}/suggestions",
            "GET /api/v6/glossary",
            "POST /api/v6/glossary",
            "PUT /api/v6/glossary/{uid}",
            "DELETE /api/v6/glossary/{uid}",
            "POST /api/v6/sync/handshake",
            "POST /api/v6/sync/confirm",
            "PUT /api/v6/sync/chunk/{cid}",
            "HEAD /api/v6/sync/chunk/{cid}",
            "POST /api/v6/sync/commit",
            "POST /api/v6/sync/fetch",
            "GET /api/v6/sync/history",
            "GET /api/v6/export/ndjson",
            "GET /api/v6/export/pb",
            "GET /api/v6/dicts",
            "GET /api/v6/dicts/{dict_id}",
            "POST /api/v6/dicts",
            "GET /api/v6/queue/tasks",
            "POST /api/v6/queue/tasks",
            "GET /api/v6/queue/tasks/{id}",
            "POST /api/v6/queue/tasks/{id}/lease",
            "POST /api/v6/queue/tasks/{id}/complete",
            "GET /api/v6/queue/status",
            "GET /api/v6/settings",
            "GET /api/v6/settings/{key}",
            "PUT /api/v6/settings/{key}",
            "GET /api/v6/cache/status",
            "POST /api/v6/cache/cleanup",
            "POST /api/v6/cache/warmup",
            "GET /api/v6/database/statistics",
            "GET /api/v6/webhooks",
            "POST /api/v6/webhooks",
            "DELETE /api/v6/webhooks/{uid}");

    private static String admin() {
        return TestTokens.issue("hostile-admin", "admin");
    }

    private static HostileInputProbe probe() {
        String admin = admin();
        return HostileInputProbe.against(
                        "localhost", ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class))
                .bearer(() -> admin)
                .dialect(path -> ErrorShape.L10N);
    }

    @Test
    void theOpenApiDocumentListsEveryEndpointWithItsBodyTypesAndTypedParameters() throws Exception {
        Map<String, ApiOperation> ops =
                probe().operations().stream().collect(Collectors.toMap(ApiOperation::toString, Function.identity()));
        assertEquals(new TreeSet<>(ENDPOINTS), new TreeSet<>(ops.keySet()));
        assertEquals(
                List.of("application/x-ndjson", "application/octet-stream"),
                ops.get("PUT /api/v6/sync/chunk/{cid}").consumes());
        assertEquals(
                List.of("application/x-ndjson", "text/plain", "application/octet-stream"),
                ops.get("POST /api/v6/translations/batch").consumes());
        assertEquals(
                List.of("application/json", "text/plain"),
                ops.get("POST /api/v6/language-files/{uid}/import").consumes());
        // wrong-typed values of these are probed as numbers and booleans only if the document says so
        assertEquals("integer", typeOf(ops.get("GET /api/v6/translations"), "limit"));
        assertEquals("integer", typeOf(ops.get("GET /api/v6/export/ndjson"), "since_id"));
        assertEquals("integer", typeOf(ops.get("GET /api/v6/queue/tasks/{id}"), "id"));
        assertEquals("boolean", typeOf(ops.get("GET /api/v6/database/statistics"), "fresh"));
        assertEquals("boolean", typeOf(ops.get("POST /api/v6/language-files/{uid}/import"), "autofill"));
    }

    private static String typeOf(ApiOperation op, String parameter) {
        return op.parameters().stream()
                .filter(p -> p.name().equals(parameter))
                .findFirst()
                .orElseThrow(() -> new AssertionError(op + " does not declare " + parameter))
                .schema()
                .type();
    }

    @Test
    void noOperationAnswersHostileInputWithA5xxOrOutsideItsDialect() throws Exception {
        HostileInputProbe probe = probe();
        List<String> findings = probe.run();
        assertEquals(List.of(), findings, findings.size() + " findings in " + probe.requests() + " requests");
    }

    @Test
    void aBlankPagingCursorIsA400NamingAfter() {
        // it decoded to no parts and failed with an index error (500) on every catalogue list
        for (String path : List.of(
                "/api/v6/packs",
                "/api/v6/pack-versions",
                "/api/v6/mods",
                "/api/v6/mod-versions",
                "/api/v6/language-files",
                "/api/v6/translations",
                "/api/v6/glossary")) {
            given().auth()
                    .oauth2(admin())
                    .urlEncodingEnabled(false)
                    .get(path + "?after=%0A%0D")
                    .then()
                    .statusCode(400)
                    .header("X-Request-Id", notNullValue())
                    .body("error", equalTo("validation_failed"))
                    .body("details.field", equalTo("after"));
        }
    }
}
