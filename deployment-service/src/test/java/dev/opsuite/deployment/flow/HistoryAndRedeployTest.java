package dev.opsuite.deployment.flow;

import static dev.opsuite.deployment.support.Api.OPERATOR;
import static dev.opsuite.deployment.support.Api.VIEWER;
import static dev.opsuite.deployment.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.deployment.support.Api;
import dev.opsuite.devstack.test.PythonWebApp;
import dev.opsuite.devstack.test.TestDb;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HistoryAndRedeployTest {

    @AfterEach
    void cleanUp() {
        Api.cleanUp();
    }

    static String deployAndWait(Map<String, Object> body) {
        Response r = Api.deploy(OPERATOR, body);
        assertEquals(202, r.statusCode(), r.asString());
        String id = r.path("deployment_id");
        assertEquals(
                "completed",
                Api.waitFor(id, Set.of("completed", "failed", "cancelled", "timed_out"), Duration.ofSeconds(60)));
        return id;
    }

    @Test
    void historyIsNewestFirstWithCursorPagingAndFiltersAndRedeployRepeatsAnEarlierDeployment() throws Exception {
        Api.cleanUp();
        Api.registerApp(
                "hist-app", Map.of("source_path", PythonWebApp.shared().toString(), "start_command", "python app.py"));
        Map<String, Object> body = Map.of(
                "app",
                "hist-app",
                "mode",
                "fallback",
                "environment",
                "hist",
                "skip_health_check",
                true,
                "config",
                Map.of(
                        "environment_variables",
                        Map.of("PORT", Integer.toString(PythonWebApp.freePort()), "API_KEY", "k-123456789")));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(deployAndWait(body));
        }

        JsonPath page1 = as(VIEWER).get("/api/deployments?app=hist-app&limit=2").jsonPath();
        assertEquals(List.of(ids.get(2), ids.get(1)), page1.getList("items.deployment_id"));
        assertTrue(page1.getBoolean("has_more"));
        JsonPath page2 = as(VIEWER)
                .get("/api/deployments?app=hist-app&limit=2&cursor=" + page1.getString("next_cursor"))
                .jsonPath();
        assertEquals(List.of(ids.get(0)), page2.getList("items.deployment_id"));
        assertFalse(page2.getBoolean("has_more"));
        assertEquals(List.of("completed"), page2.getList("items.status"));
        assertEquals(List.of("***"), page2.getList("items.config.environment_variables.API_KEY"));

        assertEquals(
                3,
                as(VIEWER)
                        .get("/api/deployments?app=hist-app&status=completed&mode=fallback&environment=hist")
                        .jsonPath()
                        .getList("items")
                        .size());
        assertEquals(
                0,
                as(VIEWER)
                        .get("/api/deployments?app=hist-app&status=failed")
                        .jsonPath()
                        .getList("items")
                        .size());
        assertEquals(400, as(VIEWER).get("/api/deployments?status=exploded").statusCode());
        Response badCursor = as(VIEWER).get("/api/deployments?cursor=%%%");
        assertEquals(400, badCursor.statusCode());

        // the finished event carries what telemetry needs
        DeploymentEvent finished = finishedEvent(ids.get(0));
        assertEquals(
                DeploymentStatus.DEPLOYMENT_STATUS_COMPLETED,
                finished.getFinished().getFinalStatus());
        assertEquals(0, finished.getFinished().getExitCode());
        assertTrue(finished.getFinished().getDurationSeconds() > 0);
        assertTrue(finished.getStartedAt().getSeconds() > 0);
        assertEquals("hist-app", finished.getApp());
        assertEquals("fallback", finished.getMode());
        assertEquals("olga", finished.getInitiator());
        assertEquals(100, finished.getProgress());

        // rollback = redeploy an earlier successful deployment: same app, mode, config (secrets included)
        Response redeploy = as(OPERATOR).post("/api/deployments/" + ids.get(0) + "/redeploy");
        assertEquals(202, redeploy.statusCode(), redeploy.asString());
        String again = redeploy.path("deployment_id");
        assertEquals(ids.get(0), redeploy.path("metadata.redeploy_of"));
        assertEquals(
                "completed",
                Api.waitFor(again, Set.of("completed", "failed", "cancelled", "timed_out"), Duration.ofSeconds(60)));
        JsonPath view = Api.status(again).jsonPath();
        assertEquals(ids.get(0), view.getString("redeploy_of"));
        assertEquals("fallback", view.getString("mode"));
        assertEquals("***", view.getString("config.environment_variables.API_KEY"));
        assertTrue(view.getBoolean("config.skip_health_check"));
        assertEquals(
                404,
                as(OPERATOR)
                        .post("/api/deployments/fallback_20250101_000000_00000000/redeploy")
                        .statusCode());
        assertEquals(
                403,
                as(VIEWER).post("/api/deployments/" + ids.get(0) + "/redeploy").statusCode());
    }

    static DeploymentEvent finishedEvent(String id) throws Exception {
        try (Connection c = TestDb.connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT payload FROM outbox WHERE record_key = ? AND headers->>'ce_type' = 'dev.opsuite.deployment.finished.v1'")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no finished event for " + id);
                return DeploymentEvent.parseFrom(rs.getBytes(1));
            }
        }
    }
}
