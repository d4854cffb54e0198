package dev.opsuite.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginTest {

    @Test
    void adminLogsInWithTheConfiguredPasswordInTheAutomationEnvelope() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", TestAuth.ADMIN_PASSWORD))
                .when()
                .post("/api/v1/auth/login")
                .then()
                .statusCode(200)
                .body("code", equalTo(200))
                .body("message", equalTo("登录成功"))
                .body("data.token", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .body("data.expires_in", equalTo(8 * 3600))
                .body("data.user.id", equalTo(1))
                .body("data.user.username", equalTo("admin"))
                .body("data.user.role", equalTo("admin"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameBody() {
        String name = TestAuth.uniqueName("known");
        TestAuth.createUser(name, "viewer");

        Response wrongPassword = attempt(name, "not-the-password");
        Response unknownUser = attempt(TestAuth.uniqueName("nobody"), "whatever-password");

        String expected = "{\"code\":401,\"message\":\"未授权\",\"error\":\"用户名或密码错误\"}";
        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownUser.statusCode());
        assertEquals(expected, wrongPassword.body().asString());
        assertEquals(expected, unknownUser.body().asString());
    }

    @Test
    void disabledUserCannotLogIn() {
        String name = TestAuth.uniqueName("disabled");
        long id = TestAuth.createUser(name, "operator");
        given().auth()
                .oauth2(TestAuth.adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .when()
                .put("/api/v1/auth/users/" + id)
                .then()
                .statusCode(200)
                .body("data.enabled", equalTo(false));

        Response response = attempt(name, TestAuth.PASSWORD);
        assertEquals(401, response.statusCode());
        assertEquals("用户名或密码错误", response.path("error"));
    }

    @Test
    void usernameIsCaseInsensitiveButTheTokenCarriesTheStoredName() {
        String token = TestAuth.login("ADMIN", TestAuth.ADMIN_PASSWORD);
        assertEquals("admin", TestAuth.claims(token).getString("sub"));
    }

    @Test
    void missingCredentialsAre400InTheAutomationDialect() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin"))
                .when()
                .post("/api/v1/auth/login")
                .then()
                .statusCode(400)
                .body("code", equalTo(400))
                .body("message", equalTo("请求参数错误"));
    }

    @Test
    void repeatedFailuresForOneUsernameAreThrottledWith429EvenWithTheRightPassword() {
        String name = TestAuth.uniqueName("guessed");
        TestAuth.createUser(name, "viewer");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, attempt(name, "guess-" + i).statusCode());
        }
        Response throttled = attempt(name, TestAuth.PASSWORD);
        assertEquals(429, throttled.statusCode());
        assertEquals(429, (int) throttled.path("code"));
        assertEquals("请求过于频繁", throttled.path("message"));
        int retryAfter = Integer.parseInt(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    }

    private static Response attempt(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when()
                .post("/api/v1/auth/login");
    }
}
