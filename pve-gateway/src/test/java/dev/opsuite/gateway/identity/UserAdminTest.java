package dev.opsuite.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserAdminTest {

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestAuth.adminToken()).contentType(ContentType.JSON);
    }

    @Test
    void createsListsUpdatesAndDeletesUsers() {
        String name = TestAuth.uniqueName("crud");
        int id = asAdmin()
                .body(Map.of("username", name, "password", TestAuth.PASSWORD, "role", "operator"))
                .when()
                .post("/api/v1/auth/users")
                .then()
                .statusCode(201)
                .body("code", equalTo(201))
                .body("message", equalTo("创建成功"))
                .body("data.username", equalTo(name))
                .body("data.role", equalTo("operator"))
                .body("data.enabled", equalTo(true))
                .body("data", not(hasKey("password_hash")))
                .extract()
                .path("data.id");

        asAdmin()
                .queryParam("page_size", 100)
                .when()
                .get("/api/v1/auth/users")
                .then()
                .statusCode(200)
                .body("data.users.username", hasItem(name))
                .body("data.page", equalTo(1))
                .body("data.page_size", equalTo(100));

        asAdmin()
                .body(Map.of("role", "viewer", "enabled", false))
                .when()
                .put("/api/v1/auth/users/" + id)
                .then()
                .statusCode(200)
                .body("message", equalTo("更新成功"))
                .body("data.role", equalTo("viewer"))
                .body("data.enabled", equalTo(false));

        asAdmin()
                .when()
                .delete("/api/v1/auth/users/" + id)
                .then()
                .statusCode(200)
                .body("message", equalTo("删除成功"));
        asAdmin().when().get("/api/v1/auth/users/" + id).then().statusCode(404).body("code", equalTo(404));
        asAdmin().when().delete("/api/v1/auth/users/" + id).then().statusCode(404);
    }

    @Test
    void duplicateUsernameIs409RegardlessOfCase() {
        String name = TestAuth.uniqueName("dup");
        TestAuth.createUser(name, "viewer");
        asAdmin()
                .body(Map.of("username", name.toUpperCase(), "password", TestAuth.PASSWORD, "role", "viewer"))
                .when()
                .post("/api/v1/auth/users")
                .then()
                .statusCode(409)
                .body("code", equalTo(409))
                .body("message", equalTo("资源冲突"));
    }

    @Test
    void invalidUsernamePasswordAndRoleAreReportedTogether() {
        asAdmin()
                .body(Map.of("username", "bad name!", "password", "short", "role", "root"))
                .when()
                .post("/api/v1/auth/users")
                .then()
                .statusCode(400)
                .body("code", equalTo(400))
                .body("error", containsString("username"))
                .body("error", containsString("password: at least 8 characters"))
                .body("error", containsString("role: one of admin, operator, viewer"));
    }

    @Test
    void passwordChangeTakesEffectAndEndsExistingSessions() {
        String name = TestAuth.uniqueName("pw");
        long id = TestAuth.createUser(name, "viewer");
        String session = TestAuth.login(name, TestAuth.PASSWORD);

        asAdmin()
                .body(Map.of("password", "short"))
                .when()
                .put("/api/v1/auth/users/" + id + "/password")
                .then()
                .statusCode(400);
        asAdmin()
                .body(Map.of("password", "brand-new-password"))
                .when()
                .put("/api/v1/auth/users/" + id + "/password")
                .then()
                .statusCode(200)
                .body("message", equalTo("密码已更新"));

        given().auth().oauth2(session).when().get("/api/v1/auth/me").then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", TestAuth.PASSWORD))
                .when()
                .post("/api/v1/auth/login")
                .then()
                .statusCode(401);
        TestAuth.login(name, "brand-new-password");
    }

    @Test
    void theLastEnabledAdminCannotBeDemotedDisabledOrDeleted() {
        // leave exactly two enabled admins: the bootstrap admin (id 1) and a fresh one
        List<Map<String, Object>> users = asAdmin()
                .queryParam("page_size", 100)
                .when()
                .get("/api/v1/auth/users")
                .then()
                .statusCode(200)
                .extract()
                .path("data.users");
        users.stream()
                .filter(u -> "admin".equals(u.get("role"))
                        && Boolean.TRUE.equals(u.get("enabled"))
                        && ((Number) u.get("id")).intValue() != 1)
                .forEach(u -> asAdmin()
                        .body(Map.of("enabled", false))
                        .when()
                        .put("/api/v1/auth/users/" + u.get("id"))
                        .then()
                        .statusCode(200));
        long second = TestAuth.createUser(TestAuth.uniqueName("admin2"), "admin");

        asAdmin()
                .body(Map.of("role", "operator"))
                .when()
                .put("/api/v1/auth/users/" + second)
                .then()
                .statusCode(200);

        asAdmin()
                .body(Map.of("role", "viewer"))
                .when()
                .put("/api/v1/auth/users/1")
                .then()
                .statusCode(409)
                .body("code", equalTo(409))
                .body("error", containsString("最后一个"));
        asAdmin()
                .body(Map.of("enabled", false))
                .when()
                .put("/api/v1/auth/users/1")
                .then()
                .statusCode(409);
        asAdmin().when().delete("/api/v1/auth/users/1").then().statusCode(409);

        asAdmin()
                .when()
                .get("/api/v1/auth/users/1")
                .then()
                .statusCode(200)
                .body("data.role", equalTo("admin"))
                .body("data.enabled", equalTo(true));
    }

    @Test
    void viewerAndOperatorGet403OnUserAdmin() {
        for (String role : List.of("viewer", "operator")) {
            given().auth()
                    .oauth2(TestAuth.tokenFor(role))
                    .when()
                    .get("/api/v1/auth/users")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo(403))
                    .body("message", equalTo("权限不足"));
        }
    }
}
