package dev.opsuite.automation.support;

import static io.restassured.RestAssured.given;

import dev.opsuite.devstack.test.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** HTTP helpers for the automation API, with tokens from devstack. */
public final class Api {
    public static final String ADMIN = TestTokens.issue("root", "admin");
    public static final String OPERATOR = TestTokens.issue("olga", "operator");
    public static final String VIEWER = TestTokens.issue("victor", "viewer");

    private Api() {}

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as(ADMIN);
    }

    public static RequestSpecification operator() {
        return as(OPERATOR);
    }

    public static Response created(Response r) {
        if (r.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + r.statusCode() + " " + r.asString());
        }
        return r;
    }

    public static Response ok(Response r) {
        if (r.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + r.statusCode() + " " + r.asString());
        }
        return r;
    }

    /** Polls {@code /automation/<kind>/status/<id>} until the task's status is one of {@code statuses}. */
    public static Response waitFor(String kind, String taskId, Set<String> statuses, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response r = null;
        while (System.nanoTime() < deadline) {
            r = as(VIEWER).get("/api/v1/automation/" + kind + "/status/" + taskId);
            if (r.statusCode() == 200 && statuses.contains(r.<String>path("data.status"))) {
                return r;
            }
            sleep(100);
        }
        throw new AssertionError("task " + taskId + " not in " + statuses + " after " + timeout + ": "
                + (r == null ? "no answer" : r.asString()));
    }

    public static Response waitDone(String kind, String taskId) {
        return waitFor(kind, taskId, Set.of("completed", "failed", "cancelled"), Duration.ofSeconds(90));
    }

    public static void enableAll() {
        ok(admin().body(Map.of("enabled", true)).put("/api/v1/features/automation/enabled"));
        ok(admin().body(Map.of("enabled", true)).put("/api/v1/features/automation/ansible"));
        ok(admin().body(Map.of("enabled", true)).put("/api/v1/features/automation/ssh"));
        ok(admin().body(Map.of("enabled", true)).put("/api/v1/features/automation/scripts"));
        ok(admin().body(Map.of("enabled", true)).put("/api/v1/features/automation/workflows"));
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }
}
