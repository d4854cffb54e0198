package dev.opsuite.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.gateway.support.TestAuth;
import dev.opsuite.gateway.token.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionTokenTest {

    @Inject
    TokenIssuer issuer;

    @Test
    void tokenCarriesTheSuiteClaimsAndVerifiesWithThePublishedKey() throws Exception {
        String name = TestAuth.uniqueName("claims");
        TestAuth.createUser(name, "operator");
        long before = Instant.now().getEpochSecond();
        String token = TestAuth.login(name, TestAuth.PASSWORD);

        JsonObject header = TestAuth.header(token);
        JsonObject claims = TestAuth.claims(token);
        assertEquals("RS256", header.getString("alg"));
        assertEquals("opsuite", claims.getString("iss"));
        assertEquals(name, claims.getString("sub"));
        assertEquals(name, claims.getString("upn"));
        assertEquals(new JsonArray().add("operator"), claims.getJsonArray("groups"));
        assertEquals(8 * 3600, claims.getLong("exp") - claims.getLong("iat"));
        assertTrue(claims.getLong("iat") >= before - 1);
        assertTrue(claims.getString("jti").matches("[0-9a-f-]{36}"));
        assertTrue(TestAuth.signatureMatchesJwks(token));
    }

    @Test
    void jwksPublishesOneRsaSigningKeyWithItsKid() {
        String token = TestAuth.adminToken();
        given().when()
                .get("/.well-known/jwks.json")
                .then()
                .statusCode(200)
                .body("keys.size()", equalTo(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kid", equalTo(TestAuth.header(token).getString("kid")));
    }

    @Test
    void meDescribesTheSession() {
        String name = TestAuth.uniqueName("me");
        long id = TestAuth.createUser(name, "viewer");
        given().auth()
                .oauth2(TestAuth.login(name, TestAuth.PASSWORD))
                .when()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("code", equalTo(200))
                .body("data.id", equalTo((int) id))
                .body("data.username", equalTo(name))
                .body("data.role", equalTo("viewer"))
                .body("data.auth_type", equalTo("session"));
    }

    @Test
    void refreshIssuesANewTokenAndRevokesTheOldOne() {
        String old = TestAuth.tokenFor("operator");
        String fresh = given().auth()
                .oauth2(old)
                .when()
                .post("/api/v1/auth/refresh")
                .then()
                .statusCode(200)
                .body("message", equalTo("刷新成功"))
                .body("data.user.role", equalTo("operator"))
                .extract()
                .path("data.token");

        assertNotEquals(
                TestAuth.claims(old).getString("jti"), TestAuth.claims(fresh).getString("jti"));
        given().auth().oauth2(fresh).when().get("/api/v1/auth/me").then().statusCode(200);
        given().auth()
                .oauth2(old)
                .when()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401)
                .body("code", equalTo(401));
        given().auth().oauth2(old).when().post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void logoutRevokesTheTokenAtTheGatewayAndTheEdge() {
        String token = TestAuth.tokenFor("viewer");
        given().auth()
                .oauth2(token)
                .when()
                .post("/api/v1/auth/logout")
                .then()
                .statusCode(200)
                .body("message", equalTo("登出成功"));

        given().auth().oauth2(token).when().get("/api/v1/auth/me").then().statusCode(401);
        given().auth()
                .oauth2(token)
                .when()
                .get("/echo/after-logout")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("authentication_failed"));
    }

    @Test
    void tamperedTokenIsRejectedWith401() {
        String token = TestAuth.tokenFor("viewer");
        String[] parts = token.split("\\.");
        JsonObject claims = TestAuth.claims(token).put("groups", new JsonArray().add("admin"));
        String forged = parts[0] + "." + b64(claims.encode()) + "." + parts[2];
        given().auth().oauth2(forged).when().get("/api/v1/auth/me").then().statusCode(401);
        given().auth().oauth2(forged).when().get("/api/v1/status").then().statusCode(401);
    }

    @Test
    void expiredTokenIsRejectedWith401() {
        String expired = issuer.issue("admin", "admin", "admin", 0, Duration.ofSeconds(-120), Map.of())
                .token();
        given().auth()
                .oauth2(expired)
                .when()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401)
                .body("code", equalTo(401))
                .body("message", equalTo("未授权"));
    }

    @Test
    void algNoneTokenIsRejectedWith401() {
        String valid = TestAuth.adminToken();
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + valid.split("\\.")[1] + ".";
        given().auth().oauth2(unsigned).when().get("/api/v1/auth/me").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.algNone("admin", "admin"))
                .when()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejectedWith401() {
        given().auth()
                .oauth2(TestTokens.issue("admin", "admin"))
                .when()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.issue("admin", "admin"))
                .when()
                .get("/echo/foreign")
                .then()
                .statusCode(401);
    }

    @Test
    void changingAUsersRoleInvalidatesTheirTokens() {
        String name = TestAuth.uniqueName("demoted");
        long id = TestAuth.createUser(name, "operator");
        String token = TestAuth.login(name, TestAuth.PASSWORD);
        given().auth()
                .oauth2(TestAuth.adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("role", "viewer"))
                .when()
                .put("/api/v1/auth/users/" + id)
                .then()
                .statusCode(200);

        given().auth().oauth2(token).when().get("/api/v1/auth/me").then().statusCode(401);
        given().auth()
                .oauth2(TestAuth.login(name, TestAuth.PASSWORD))
                .when()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("data.role", equalTo("viewer"));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
