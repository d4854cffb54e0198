package dev.opsuite.deployment.support;

import static io.restassured.RestAssured.given;

import dev.opsuite.devstack.test.TestDb;
import dev.opsuite.devstack.test.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** HTTP helpers for the deployment API, with tokens from devstack. */
public final class Api {
    public static final String ADMIN = TestTokens.issue("root", "admin");
    public static final String OPERATOR = TestTokens.issue("olga", "operator");
    public static final String VIEWER = TestTokens.issue("victor", "viewer");

    private Api() {}

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Registers (or re-registers) an app; returns the registration response. */
    public static Response registerApp(String name, Map<String, Object> fields) {
        as(ADMIN).delete("/api/deployment/apps/" + name);
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("name", name);
        Response r = as(ADMIN).body(body).post("/api/deployment/apps");
        if (r.statusCode() != 201) {
            throw new AssertionError("app registration failed: " + r.statusCode() + " " + r.asString());
        }
        return r;
    }

    /** A fallback app serving on {@code port}; health at {@code healthPort} (equal to port = healthy). */
    public static Response registerPyApp(String name, Path dir, int healthPort, int healthTimeout) {
        return registerApp(
                name,
                Map.of(
                        "source_path",
                        dir.toString(),
                        "start_command",
                        "python app.py",
                        "health_url",
                        "http://127.0.0.1:" + healthPort + "/health",
                        "health_timeout_seconds",
                        healthTimeout));
    }

    public static Response deploy(String token, Map<String, Object> body) {
        return as(token).body(body).post("/api/deployments");
    }

    public static Response status(String id) {
        return as(VIEWER).get("/api/deployments/" + id);
    }

    public static String waitFor(String id, Set<String> statuses, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            Response r = status(id);
            last = r.path("status");
            if (statuses.contains(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("deployment " + id + " still " + last + " after " + timeout + ": "
                + as(VIEWER).get("/api/deployments/" + id + "/logs?limit=1000").asString());
    }

    public static String waitForStep(String id, String step, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Response r = status(id);
            if (step.equals(r.path("current_step")) && "running".equals(r.path("status"))) {
                return step;
            }
            if (!Set.of("queued", "accepted", "running").contains((String) r.path("status"))) {
                throw new AssertionError("deployment " + id + " ended as " + r.path("status") + " before " + step + ": "
                        + as(VIEWER)
                                .get("/api/deployments/" + id + "/logs?limit=1000")
                                .asString());
            }
            sleep(100);
        }
        throw new AssertionError("deployment " + id + " never reached " + step);
    }

    /** Cancels whatever is still queued or running, so the next test starts with free slots. */
    public static void cancelAllUnfinished() {
        for (String status : List.of("queued", "accepted", "running")) {
            List<String> ids = as(VIEWER)
                    .get("/api/deployments?limit=100&status=" + status)
                    .path("items.deployment_id");
            for (String id : ids) {
                as(ADMIN).post("/api/deployments/" + id + "/cancel");
            }
        }
    }

    /** Cancels unfinished deployments and stops every app instance the tests' deployments left serving. */
    public static void cleanUp() {
        cancelAllUnfinished();
        for (String pid : TestDb.strings("SELECT pid::text FROM app_instances")) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
        TestDb.update("DELETE FROM app_instances");
    }

    /** The PID of the process serving app+environment, as the service recorded it. */
    public static String instancePid(String app, String environment) {
        List<String> pids = TestDb.strings(
                "SELECT pid::text FROM app_instances WHERE app = ? AND environment = ?", app, environment);
        if (pids.isEmpty()) {
            throw new AssertionError("no instance of " + app + "/" + environment);
        }
        return pids.get(0);
    }

    public static Map<String, Object> env(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
