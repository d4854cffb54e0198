package dev.opsuite.gateway.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.gateway.support.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every gateway endpoint × every role: who is let in (anything but 401/403) and who is refused with
 * which status. Each call gets fresh fixtures, so destructive endpoints can be called by everyone.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointRoleTest {

    enum Who {
        ANONYMOUS,
        VIEWER,
        OPERATOR,
        ADMIN
    }

    /** @param minimum null = public; otherwise the weakest role let in */
    record Endpoint(String method, Function<Who, String> path, Supplier<Object> body, Who minimum) {}

    private final List<Endpoint> endpoints = new ArrayList<>();

    @BeforeAll
    void endpoints() {
        endpoints.add(new Endpoint(
                "POST",
                w -> "/api/v1/auth/login",
                () -> Map.of("username", "admin", "password", TestAuth.ADMIN_PASSWORD),
                null));
        endpoints.add(new Endpoint("POST", w -> "/api/v1/auth/refresh", null, Who.VIEWER));
        endpoints.add(new Endpoint("POST", w -> "/api/v1/auth/logout", null, Who.VIEWER));
        endpoints.add(new Endpoint("GET", w -> "/api/v1/auth/me", null, Who.VIEWER));
        endpoints.add(new Endpoint("GET", w -> "/api/v1/auth/users", null, Who.ADMIN));
        endpoints.add(new Endpoint(
                "POST",
                w -> "/api/v1/auth/users",
                () -> Map.of("username", TestAuth.uniqueName("role"), "password", TestAuth.PASSWORD, "role", "viewer"),
                Who.ADMIN));
        endpoints.add(new Endpoint("GET", w -> "/api/v1/auth/users/" + scratchUser(), null, Who.ADMIN));
        endpoints.add(new Endpoint(
                "PUT", w -> "/api/v1/auth/users/" + scratchUser(), () -> Map.of("enabled", true), Who.ADMIN));
        endpoints.add(new Endpoint("DELETE", w -> "/api/v1/auth/users/" + scratchUser(), null, Who.ADMIN));
        endpoints.add(new Endpoint(
                "PUT",
                w -> "/api/v1/auth/users/" + scratchUser() + "/password",
                () -> Map.of("password", "another-password"),
                Who.ADMIN));
        endpoints.add(new Endpoint("GET", w -> "/api/v1/auth/tokens", null, Who.VIEWER));
        endpoints.add(new Endpoint(
                "POST",
                w -> "/api/v1/auth/tokens",
                () -> Map.of("name", TestAuth.uniqueName("t"), "role", "viewer"),
                Who.VIEWER));
        endpoints.add(new Endpoint("DELETE", w -> "/api/v1/auth/tokens/999999", null, Who.VIEWER));
        endpoints.add(new Endpoint("GET", w -> "/.well-known/jwks.json", null, null));
        endpoints.add(new Endpoint("GET", w -> "/api/v1/status", null, Who.ADMIN));
        endpoints.add(new Endpoint("GET", w -> "/q/health/ready", null, null));
        endpoints.add(new Endpoint("GET", w -> "/echo/any-role", null, null));
    }

    @Test
    void everyEndpointLetsInExactlyTheRolesItDeclares() {
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (Who who : Who.values()) {
                Response response = call(endpoint, who);
                int expected = expectedDenial(endpoint.minimum(), who);
                int actual = response.statusCode();
                boolean ok = expected == 0 ? actual != 401 && actual != 403 && actual < 500 : actual == expected;
                if (!ok) {
                    failures.add(endpoint.method() + " " + endpoint.path().apply(who) + " as " + who + ": " + actual
                            + (expected == 0 ? " (expected to be let in)" : " (expected " + expected + ")"));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void refusalsUseTheDialectOfTheirApi() {
        Response auth = given().when().get("/api/v1/auth/me");
        assertEquals(401, (int) auth.path("code"));
        assertEquals("未授权", auth.path("message"));

        Response status =
                given().auth().oauth2(TestAuth.tokenFor("viewer")).when().get("/api/v1/status");
        assertEquals(403, status.statusCode());
        assertTrue(status.contentType().startsWith("application/problem+json"));
        assertEquals("forbidden", status.path("code"));
    }

    private static int expectedDenial(Who minimum, Who who) {
        if (minimum == null) {
            return 0;
        }
        if (who == Who.ANONYMOUS) {
            return 401;
        }
        return who.ordinal() >= minimum.ordinal() ? 0 : 403;
    }

    private static Response call(Endpoint endpoint, Who who) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        if (who != Who.ANONYMOUS) {
            request.auth().oauth2(TestAuth.tokenFor(who.name().toLowerCase()));
        }
        if (endpoint.body() != null) {
            request.body(endpoint.body().get());
        }
        return request.when().request(endpoint.method(), endpoint.path().apply(who));
    }

    private static long scratchUser() {
        return TestAuth.createUser(TestAuth.uniqueName("scratch"), "viewer");
    }
}
