package dev.opsuite.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiTokenTest {

    @Test
    void tokenSecretIsShownOnceAndWorksAsABearer() {
        String session = TestAuth.tokenFor("operator");
        String name = TestAuth.uniqueName("ci");
        String secret = given().auth()
                .oauth2(session)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "role", "viewer"))
                .when()
                .post("/api/v1/auth/tokens")
                .then()
                .statusCode(201)
                .body("code", equalTo(201))
                .body("data.name", equalTo(name))
                .body("data.role", equalTo("viewer"))
                .body("data.token", startsWith("opsk_"))
                .body("data.pve_token_id", startsWith(TestAuth.claims(session).getString("sub") + "@opsuite!" + name))
                .extract()
                .path("data.token");

        given().auth()
                .oauth2(session)
                .when()
                .get("/api/v1/auth/tokens")
                .then()
                .statusCode(200)
                .body("data.tokens.name", hasItem(name))
                .body("data.tokens", everyItem(not(org.hamcrest.Matchers.hasKey("token"))));

        given().auth()
                .oauth2(secret)
                .when()
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .body("data.auth_type", equalTo("api_token"))
                .body("data.role", equalTo("viewer"))
                .body("data.token_name", equalTo(name));
    }

    @Test
    void revokedTokenStopsWorking() {
        String session = TestAuth.tokenFor("admin");
        String secret = TestAuth.createApiToken(session, TestAuth.uniqueName("gone"), "operator");
        int id = given().auth()
                .oauth2(secret)
                .when()
                .get("/api/v1/auth/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("data.tokens.find { it.role == 'operator' }.id");

        given().auth()
                .oauth2(session)
                .when()
                .delete("/api/v1/auth/tokens/" + id)
                .then()
                .statusCode(200)
                .body("data.id", equalTo(id));

        given().auth().oauth2(secret).when().get("/api/v1/auth/me").then().statusCode(401);
        given().auth().oauth2(secret).when().get("/echo/revoked").then().statusCode(401);
    }

    @Test
    void tokenCannotOutrankItsCreator() {
        given().auth()
                .oauth2(TestAuth.tokenFor("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "too-strong", "role", "admin"))
                .when()
                .post("/api/v1/auth/tokens")
                .then()
                .statusCode(403)
                .body("code", equalTo(403));
    }

    @Test
    void expiredTokenIsRefusedAndPastExpiryIsInvalid() {
        String session = TestAuth.tokenFor("viewer");
        given().auth()
                .oauth2(session)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "stale",
                        "role",
                        "viewer",
                        "expires_at",
                        OffsetDateTime.now().minusMinutes(1).toString()))
                .when()
                .post("/api/v1/auth/tokens")
                .then()
                .statusCode(400)
                .body("code", equalTo(400));
    }

    @Test
    void usersCannotSeeOrRevokeOthersTokensButAdminsCan() {
        String owner = TestAuth.tokenFor("operator");
        String name = TestAuth.uniqueName("mine");
        TestAuth.createApiToken(owner, name, "viewer");
        int id = given().auth()
                .oauth2(owner)
                .when()
                .get("/api/v1/auth/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("data.tokens.find { it.name == '" + name + "' }.id");

        String stranger = TestAuth.tokenFor("operator");
        given().auth()
                .oauth2(stranger)
                .when()
                .get("/api/v1/auth/tokens")
                .then()
                .statusCode(200)
                .body("data.tokens.name", not(hasItem(name)));
        given().auth()
                .oauth2(stranger)
                .when()
                .delete("/api/v1/auth/tokens/" + id)
                .then()
                .statusCode(404);

        given().auth()
                .oauth2(TestAuth.adminToken())
                .when()
                .get("/api/v1/auth/tokens")
                .then()
                .statusCode(200)
                .body("data.tokens.name", hasItem(name));
        given().auth()
                .oauth2(TestAuth.adminToken())
                .when()
                .delete("/api/v1/auth/tokens/" + id)
                .then()
                .statusCode(200);
    }

    @Test
    void apiTokenCannotMintMoreTokens() {
        String secret = TestAuth.createApiToken(TestAuth.tokenFor("operator"), TestAuth.uniqueName("bot"), "operator");
        given().auth()
                .oauth2(secret)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "child", "role", "viewer"))
                .when()
                .post("/api/v1/auth/tokens")
                .then()
                .statusCode(403);
    }
}
