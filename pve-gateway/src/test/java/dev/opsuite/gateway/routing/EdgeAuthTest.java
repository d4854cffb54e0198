package dev.opsuite.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EdgeAuthTest {

    @Test
    void apiTokenIsExchangedForAnInternalJwtOnTheWayUpstream() throws Exception {
        String session = TestAuth.tokenFor("operator");
        String user = TestAuth.claims(session).getString("sub");
        String secret = TestAuth.createApiToken(session, "deploy-bot", "viewer");

        Response response = given().auth().oauth2(secret).when().get("/echo/with-api-token");
        assertEquals(200, response.statusCode());
        String authorization = EdgePassThroughTest.first(
                new JsonObject(response.body().asString()).getJsonObject("headers"), "authorization");

        assertTrue(authorization.startsWith("Bearer ey"), authorization);
        assertFalse(authorization.contains(secret));
        String jwt = authorization.substring("Bearer ".length());
        JsonObject claims = TestAuth.claims(jwt);
        assertEquals("opsuite", claims.getString("iss"));
        assertEquals(user, claims.getString("sub"));
        assertEquals(user + "!deploy-bot", claims.getString("upn"));
        assertEquals(new JsonArray().add("viewer"), claims.getJsonArray("groups"));
        assertTrue(claims.getLong("exp") - claims.getLong("iat") <= 300);
        assertTrue(claims.containsKey("api_token_id"));
        assertTrue(TestAuth.signatureMatchesJwks(jwt));
    }

    @Test
    void sessionJwtReachesTheUpstreamUnchanged() {
        String session = TestAuth.tokenFor("viewer");
        Response response = given().auth().oauth2(session).when().get("/echo/with-session");
        assertEquals(
                "Bearer " + session,
                EdgePassThroughTest.first(
                        new JsonObject(response.body().asString()).getJsonObject("headers"), "authorization"));
    }

    @Test
    void anonymousRequestsPassThroughForTheServiceToDecide() {
        Response response = given().when().get("/echo/anonymous");
        assertEquals(200, response.statusCode());
        assertNull(EdgePassThroughTest.first(
                new JsonObject(response.body().asString()).getJsonObject("headers"), "authorization"));
    }

    @Test
    void invalidBearerIs401AndNeverReachesTheUpstream() throws Exception {
        given().auth()
                .oauth2("not-a-token")
                .when()
                .get("/echo/invalid-bearer")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token"));
        given().auth()
                .oauth2("opsk_unknownunknownunknownunknownunknown")
                .when()
                .get("/echo/invalid-bearer")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer ")
                .when()
                .get("/echo/invalid-bearer")
                .then()
                .statusCode(401);

        String echo = ConfigProvider.getConfig().getValue("opsuite.gateway.routes.echo.url", String.class);
        String hits = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(echo + "/__hits?path=/echo/invalid-bearer"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertEquals("0", hits);
    }

    @Test
    void otherAuthorizationSchemesAreLeftToTheService() {
        Response response =
                given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/echo/basic");
        assertEquals(200, response.statusCode());
        assertEquals(
                "Basic dXNlcjpwYXNz",
                EdgePassThroughTest.first(
                        new JsonObject(response.body().asString()).getJsonObject("headers"), "authorization"));
    }

    @Test
    void perClientRateLimitAnswers429WithRetryAfter() {
        // route "limited": 1 request/s, burst 3, per client (here: the session's user)
        String session = TestAuth.tokenFor("viewer");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(session).when().get("/limited/x").then().statusCode(200);
        }
        Response limited = given().auth().oauth2(session).when().get("/limited/x");
        assertEquals(429, limited.statusCode());
        assertEquals("rate_limited", limited.path("code"));
        assertEquals("1", limited.header("Retry-After"));
        assertTrue(limited.contentType().startsWith("application/problem+json"));

        // another client has its own bucket
        given().auth()
                .oauth2(TestAuth.tokenFor("viewer"))
                .when()
                .get("/limited/x")
                .then()
                .statusCode(200);
    }
}
