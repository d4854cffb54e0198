package dev.opsuite.gateway.pve.facade;

import dev.opsuite.common.error.ApiError;
import dev.opsuite.common.error.ErrorCodes;
import dev.opsuite.common.error.ErrorDialect;
import dev.opsuite.common.request.RequestIds;
import dev.opsuite.gateway.pve.upstream.UpstreamReply;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Writing the facade's answers in PVE's wire form. */
final class FacadeReplies {

    private FacadeReplies() {}

    /** PVE's answer, untouched: status, reason phrase, content type, body bytes. */
    static void passThrough(HttpServerResponse response, UpstreamReply reply) {
        response.setStatusCode(reply.status());
        if (reply.reason() != null && !reply.reason().isEmpty()) {
            response.setStatusMessage(reply.reason());
        }
        if (reply.contentType() != null) {
            response.putHeader("Content-Type", reply.contentType());
        }
        response.putHeader("Cache-Control", "max-age=0").end(reply.body());
    }

    static void data(HttpServerResponse response, Object data) {
        response.setStatusCode(200)
                .setStatusMessage("OK")
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .putHeader("Cache-Control", "max-age=0")
                .end(new JsonObject().put("data", data).encode());
    }

    static void error(HttpServerResponse response, ApiError error, String requestId) {
        ErrorDialect.PVE.render(error.withRequestId(requestId), null).writeTo(response);
    }

    static void paramErrors(HttpServerResponse response, Map<String, String> errors, String requestId) {
        error(
                response,
                new ApiError(
                        400,
                        ErrorCodes.VALIDATION_FAILED,
                        null,
                        "Parameter verification failed.",
                        Map.copyOf(errors),
                        requestId,
                        Map.of()),
                requestId);
    }

    static void noTicket(HttpServerResponse response, String requestId) {
        error(response, ApiError.of(401, ErrorCodes.UNAUTHORIZED, "No ticket"), requestId);
    }

    static void authenticationFailed(HttpServerResponse response, String requestId) {
        error(response, ApiError.of(401, ErrorCodes.AUTHENTICATION_FAILED, "Authentication failed!"), requestId);
    }

    /**
     * PVE's answer to a failed ticket login: 401 with its reason and {@code {"data":null}} (proxmoxer
     * reads {@code data} from it to tell that the login failed).
     */
    static void loginFailed(HttpServerResponse response, String requestId) {
        response.setStatusCode(401)
                .setStatusMessage("authentication failure")
                .putHeader(RequestIds.HEADER, requestId)
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .end("{\"data\":null}");
    }

    static void forbidden(HttpServerResponse response, String message, String requestId) {
        error(response, ApiError.of(403, ErrorCodes.FORBIDDEN, message), requestId);
    }
}
