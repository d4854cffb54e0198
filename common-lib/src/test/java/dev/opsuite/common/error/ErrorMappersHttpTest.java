package dev.opsuite.common.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opsuite.devstack.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The shared mappers end to end over HTTP, in every dialect, always with X-Request-Id. */
@QuarkusTest
class ErrorMappersHttpTest {
    private static final String ID_PATTERN = "req_[0-9a-f]{32}";

    @Test
    void malformedJsonIs400ProblemNot500() {
        Response r = given().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"count\": ")
                .post("/probe/items");
        r.then()
                .statusCode(400)
                .contentType("application/problem+json")
                .header("X-Request-Id", matchesPattern(ID_PATTERN))
                .body("type", equalTo("urn:opsuite:problem:malformed_json"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("code", equalTo("malformed_json"))
                .body("detail", startsWith("Malformed JSON body"))
                .body("instance", equalTo("/probe/items"));
        assertEquals(r.header("X-Request-Id"), r.jsonPath().getString("request_id"));
    }

    @Test
    void wrongJsonTypeNamesTheFieldWith400() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"count\":\"many\"}")
                .post("/probe/items")
                .then()
                .statusCode(400)
                .body("code", equalTo("malformed_json"))
                .body("details.count", equalTo("expected an integer"))
                .body("detail", equalTo("Invalid JSON at count: expected an integer"));
    }

    @Test
    void nonObjectBodyIs400() {
        given().contentType(ContentType.JSON)
                .body("[1,2]")
                .post("/probe/items")
                .then()
                .statusCode(400)
                .body("code", equalTo("malformed_json"));
    }

    @Test
    void validationFailureIs400WithPerFieldDetails() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"count\":50}")
                .post("/probe/items")
                .then()
                .statusCode(400)
                .header("X-Request-Id", matchesPattern(ID_PATTERN))
                .body("code", equalTo("validation_failed"))
                .body("details.name", equalTo("must not be blank"))
                .body("details.count", equalTo("must be less than or equal to 10"))
                .body("detail", equalTo("Request validation failed"));
    }

    @Test
    void invalidQueryParameterIs400NamingIt() {
        given().get("/probe/search?limit=500")
                .then()
                .statusCode(400)
                .body("details.limit", equalTo("must be less than or equal to 100"));
    }

    @Test
    void nonNumberForNumberParameterIs400NotA404() {
        given().get("/probe/search?limit=abc")
                .then()
                .statusCode(400)
                .header("X-Request-Id", matchesPattern(ID_PATTERN))
                .body("code", equalTo("bad_request"))
                .body("detail", equalTo("The query parameter 'limit' must be an integer"))
                .body("details.limit", equalTo("expected an integer"));
        given().get("/probe/search?limit=99999999999999999999").then().statusCode(400);
        given().get("/probe/search?limit=7").then().statusCode(200).body(equalTo("ok 7"));
    }

    @Test
    void unknownPathIs404InDialectWithRequestId() {
        given().get("/no/such/path")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .header("X-Request-Id", matchesPattern(ID_PATTERN))
                .body("code", equalTo("not_found"))
                .body("instance", equalTo("/no/such/path"));
        given().get("/l10n/nowhere")
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"))
                .body("request_id", matchesPattern(ID_PATTERN));
    }

    @Test
    void wrongMethodIs405() {
        given().delete("/probe/items").then().statusCode(405).body("code", equalTo("method_not_allowed"));
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType(ContentType.TEXT)
                .body("name=x")
                .post("/probe/items")
                .then()
                .statusCode(415)
                .body("code", equalTo("unsupported_media_type"));
    }

    @Test
    void unexpectedFailureIsGeneric500WithoutInternals() {
        given().get("/probe/boom")
                .then()
                .statusCode(500)
                .header("X-Request-Id", matchesPattern(ID_PATTERN))
                .body("code", equalTo("internal_error"))
                .body("detail", equalTo("Internal server error"))
                .body(not(containsString("SELECT")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void missingCredentialsIs401() {
        given().get("/probe/admin")
                .then()
                .statusCode(401)
                .header("X-Request-Id", matchesPattern(ID_PATTERN))
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void tamperedTokenIs401AuthenticationFailedInDialect() {
        String tampered = TestTokens.tampered(TestTokens.issue("mallory", "viewer"));
        given().auth()
                .oauth2(tampered)
                .get("/probe/admin")
                .then()
                .statusCode(401)
                .header("X-Request-Id", matchesPattern(ID_PATTERN))
                .contentType("application/problem+json")
                .body("code", equalTo("authentication_failed"));
        given().auth()
                .oauth2(tampered)
                .get("/pve/admin")
                .then()
                .statusCode(401)
                .statusLine(equalTo("HTTP/1.1 401 Authentication failed!"))
                .body(emptyString());
    }

    @Test
    void insufficientRoleIs403() {
        given().auth()
                .oauth2(TestTokens.issue("vera", "viewer"))
                .get("/auto/admin")
                .then()
                .statusCode(403)
                .body("code", equalTo(403))
                .body("message", equalTo("权限不足"));
        given().auth()
                .oauth2(TestTokens.issue("ada", "admin"))
                .get("/probe/admin")
                .then()
                .statusCode(200)
                .body(equalTo("secret"));
    }

    @Test
    void automationDialectRendersCodeMessageError() {
        Response r = given().get("/auto/conflict");
        r.then().statusCode(409).contentType(ContentType.JSON);
        assertEquals(
                "{\"code\":409,\"message\":\"资源冲突\",\"error\":\"A deployment of app is already running\"}",
                r.asString());
    }

    @Test
    void l10nDialectCarriesDetailsAndRequestId() {
        given().header("X-Request-Id", "client-42")
                .get("/l10n/conflict")
                .then()
                .statusCode(409)
                .header("X-Request-Id", equalTo("client-42"))
                .body("error", equalTo("deployment_in_progress"))
                .body("details.app", equalTo("shop"))
                .body("request_id", equalTo("client-42"));
    }

    @Test
    void pveDialectPutsMessageInStatusLine() {
        Response r = given().contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"count\":3}")
                .post("/pve/items");
        r.then()
                .statusCode(400)
                .statusLine(equalTo("HTTP/1.1 400 Parameter verification failed."))
                .body("data", equalTo(null))
                .body("message", equalTo("Parameter verification failed."))
                .body("errors.name", equalTo("must not be blank"));
    }

    @Test
    void pveDialectAnswers401WithEmptyBodyAndNoTicket() {
        given().get("/pve/admin")
                .then()
                .statusCode(401)
                .statusLine(equalTo("HTTP/1.1 401 No ticket"))
                .header("X-Request-Id", matchesPattern(ID_PATTERN))
                .body(emptyString());
    }

    @Test
    void telemetryDialectAnswersShortText() {
        given().contentType(ContentType.JSON)
                .body("{oops")
                .post("/tele/items")
                .then()
                .statusCode(400)
                .contentType(containsString("text/plain"))
                .body(equalTo("invalid json"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"count\":3}")
                .post("/tele/items")
                .then()
                .statusCode(400)
                .body(equalTo("invalid payload"));
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        given().get("/probe/limited")
                .then()
                .statusCode(429)
                .header("Retry-After", "7")
                .body("code", equalTo("rate_limited"));
    }

    @Test
    void saneIncomingRequestIdIsKeptAndVisibleToCode() {
        given().header("X-Request-Id", "abc.DEF_1:2-3")
                .get("/probe/request-id")
                .then()
                .statusCode(200)
                .header("X-Request-Id", equalTo("abc.DEF_1:2-3"))
                .body(equalTo("abc.DEF_1:2-3"));
    }

    @Test
    void insaneIncomingRequestIdIsReplaced() {
        Response r = given().header("X-Request-Id", "<script>alert(1)</script>").get("/probe/request-id");
        r.then().statusCode(200).header("X-Request-Id", matchesPattern(ID_PATTERN));
        assertEquals(r.header("X-Request-Id"), r.asString());
    }

    @Test
    void successResponsesCarryRequestIdOnce() {
        Response r = given().get("/probe/request-id");
        assertEquals(1, r.headers().getValues("X-Request-Id").size());
    }
}
