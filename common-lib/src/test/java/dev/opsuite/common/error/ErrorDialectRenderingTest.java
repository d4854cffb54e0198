package dev.opsuite.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact wire bodies of the five dialects (ARCHITECTURE §5). */
class ErrorDialectRenderingTest {
    private static final String RID = "req_0123456789abcdef0123456789abcdef";

    private static ApiError validation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "locale");
        details.put("expected", "lower-case letters, digits and one _");
        details.put("received", "zh-CN");
        return new ApiError(400, "validation_failed", null, "Invalid locale format", details, RID, null);
    }

    @Test
    void problemRendersRfc9457WithExtensions() {
        RenderedError r = ErrorDialect.PROBLEM.render(validation(), "/api/deployments");
        assertEquals(400, r.status());
        assertNull(r.reason());
        assertEquals("application/problem+json", r.contentType());
        assertEquals(
                "{\"type\":\"urn:opsuite:problem:validation_failed\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"Invalid locale format\",\"instance\":\"/api/deployments\",\"code\":\"validation_failed\","
                        + "\"request_id\":\"" + RID
                        + "\",\"details\":{\"field\":\"locale\",\"expected\":\"lower-case letters, digits and one _\","
                        + "\"received\":\"zh-CN\"}}",
                r.body());
        assertEquals(RID, r.headers().get("X-Request-Id"));
    }

    @Test
    void problemOmitsEmptyDetailsAndUsesGivenTitle() {
        ApiError e = new ApiError(
                429,
                "concurrency_limit",
                "Too busy",
                "3 deployments are running",
                null,
                RID,
                Map.of("Retry-After", "10"));
        RenderedError r = ErrorDialect.PROBLEM.render(e, "/api/deployments");
        assertEquals(
                "{\"type\":\"urn:opsuite:problem:concurrency_limit\",\"title\":\"Too busy\",\"status\":429,"
                        + "\"detail\":\"3 deployments are running\",\"instance\":\"/api/deployments\",\"code\":\"concurrency_limit\","
                        + "\"request_id\":\"" + RID + "\"}",
                r.body());
        assertEquals("10", r.headers().get("Retry-After"));
    }

    @Test
    void automationRendersCodeMessageError() {
        ApiError e = new ApiError(422, "dangerous_command", "命令验证失败", "危险命令已拦截: rm -rf /", null, RID, null);
        RenderedError r = ErrorDialect.AUTOMATION.render(e, "/api/v1/automation/ssh/execute");
        assertEquals("application/json", r.contentType());
        assertEquals("{\"code\":422,\"message\":\"命令验证失败\",\"error\":\"危险命令已拦截: rm -rf /\"}", r.body());
    }

    @Test
    void automationFallsBackToSeedTitles() {
        RenderedError r =
                ErrorDialect.AUTOMATION.render(ApiError.of(401, "unauthorized", "用户名或密码错误"), "/api/v1/auth/login");
        assertEquals("{\"code\":401,\"message\":\"未授权\",\"error\":\"用户名或密码错误\"}", r.body());
    }

    @Test
    void l10nRendersErrorMessageDetailsRequestId() {
        RenderedError r = ErrorDialect.L10N.render(validation(), "/api/v6/translations");
        assertEquals(
                "{\"error\":\"validation_failed\",\"message\":\"Invalid locale format\",\"details\":{\"field\":\"locale\","
                        + "\"expected\":\"lower-case letters, digits and one _\",\"received\":\"zh-CN\"},\"request_id\":\""
                        + RID + "\"}",
                r.body());
    }

    @Test
    void l10nAlwaysHasDetailsObject() {
        RenderedError r = ErrorDialect.L10N.render(
                ApiError.of(404, "not_found", "No such pack").withRequestId(RID), "/api/v6/packs/x");
        assertEquals(
                "{\"error\":\"not_found\",\"message\":\"No such pack\",\"details\":{},\"request_id\":\"" + RID + "\"}",
                r.body());
    }

    @Test
    void pveValidationUsesPveWordingInStatusLineAndBody() {
        Map<String, Object> errors = Map.of("vmid", "value does not match the regex pattern");
        ApiError e = new ApiError(400, "validation_failed", null, "Request validation failed", errors, RID, null);
        RenderedError r = ErrorDialect.PVE.render(e, "/api2/json/nodes/pve1/qemu/1");
        assertEquals(400, r.status());
        assertEquals("Parameter verification failed.", r.reason());
        assertEquals(
                "{\"data\":null,\"message\":\"Parameter verification failed.\",\"errors\":{\"vmid\":"
                        + "\"value does not match the regex pattern\"}}",
                r.body());
    }

    @Test
    void pveOtherErrorsCarryMessageAsReason() {
        RenderedError r = ErrorDialect.PVE.render(
                ApiError.of(404, "not_found", "no such cluster 'lab'\nsecond line"), "/api2/json/x");
        assertEquals("no such cluster 'lab' second line", r.reason());
        assertEquals("{\"data\":null,\"message\":\"no such cluster 'lab'\\nsecond line\"}", r.body());
    }

    @Test
    void pveUnauthorizedIsEmptyWithNoTicketOrAuthenticationFailed() {
        RenderedError noTicket = ErrorDialect.PVE.render(
                ApiError.of(401, "unauthorized", "x")
                        .withHeader("WWW-Authenticate", "Bearer")
                        .withRequestId(RID),
                "/api2/json/nodes");
        assertEquals("No ticket", noTicket.reason());
        assertEquals("", noTicket.body());
        assertNull(noTicket.contentType());
        assertNull(noTicket.headers().get("WWW-Authenticate"));
        assertEquals(RID, noTicket.headers().get("X-Request-Id"));
        RenderedError failed =
                ErrorDialect.PVE.render(ApiError.of(401, "authentication_failed", "x"), "/api2/json/nodes");
        assertEquals("Authentication failed!", failed.reason());
        assertEquals("", failed.body());
    }

    @Test
    void telemetryRendersShortPlainTexts() {
        assertEquals(
                "invalid payload",
                ErrorDialect.TELEMETRY.render(validation(), "/telemetry").body());
        assertEquals(
                "invalid json",
                ErrorDialect.TELEMETRY
                        .render(ApiError.of(400, "malformed_json", "Malformed JSON body"), "/telemetry")
                        .body());
        assertEquals(
                "rate limited",
                ErrorDialect.TELEMETRY
                        .render(ApiError.of(429, "rate_limited", "x"), "/telemetry")
                        .body());
        RenderedError busy =
                ErrorDialect.TELEMETRY.render(ApiError.of(503, "server_busy", "server busy"), "/telemetry");
        assertEquals("server busy", busy.body());
        assertEquals("text/plain;charset=UTF-8", busy.contentType());
    }

    @Test
    void dialectResolverPicksLongestWholeSegmentPrefix() {
        DialectResolver resolver = new DialectResolver(
                ErrorDialect.PROBLEM,
                Map.of(
                        "/api/v1", ErrorDialect.AUTOMATION,
                        "/api/v1/auth", ErrorDialect.L10N,
                        "/api2/json", ErrorDialect.PVE,
                        "/api/v1/pve/clusters/*/api2/json", ErrorDialect.PVE));
        assertEquals(ErrorDialect.L10N, resolver.resolve("/api/v1/auth/login"));
        assertEquals(ErrorDialect.L10N, resolver.resolve("/api/v1/auth"));
        assertEquals(ErrorDialect.AUTOMATION, resolver.resolve("/api/v1/authx"));
        assertEquals(ErrorDialect.PVE, resolver.resolve("/api2/json/nodes"));
        assertEquals(ErrorDialect.PVE, resolver.resolve("/api/v1/pve/clusters/lab/api2/json/version"));
        assertEquals(ErrorDialect.AUTOMATION, resolver.resolve("/api/v1/pve/clusters/lab"));
        assertEquals(ErrorDialect.PROBLEM, resolver.resolve("/api/deployments"));
        assertEquals(ErrorDialect.PROBLEM, resolver.resolve(null));
    }

    @Test
    void apiExceptionFactoriesCarryStatusCodeAndHeaders() {
        ApiException e = ApiException.tooManyRequests(java.time.Duration.ofMillis(1500), "slow down");
        ApiError error = e.toError(RID);
        assertEquals(429, error.status());
        assertEquals("rate_limited", error.code());
        assertEquals("2", error.headers().get("Retry-After"));
        assertEquals(404, ApiException.notFound("x").status());
        assertEquals("conflict", ApiException.conflict("x").code());
        assertEquals(422, ApiException.unprocessable("x").status());
        assertEquals(403, ApiException.forbidden("x").status());
        assertEquals(401, ApiException.unauthorized("x").status());
        assertEquals(0, e.getStackTrace().length);
    }
}
