package dev.opsuite.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Proxmox VE's own error form: the message travels in the status line (PVE clients read the reason
 * phrase), the body carries {@code data:null}, the message and per-parameter {@code errors}; an
 * authentication failure is a 401 with an empty body and reason "No ticket" or
 * "Authentication failed!".
 */
final class PveRenderer implements ErrorRenderer {

    @Override
    public RenderedError render(ApiError error, String instance) {
        Map<String, String> headers = RenderedError.headersOf(error);
        headers.remove("WWW-Authenticate");
        if (error.status() == 401) {
            String reason = ErrorCodes.UNAUTHORIZED.equals(error.code()) ? "No ticket" : "Authentication failed!";
            return new RenderedError(401, reason, null, "", headers);
        }
        String message = error.message();
        if (ErrorCodes.VALIDATION_FAILED.equals(error.code()) && error.title() == null) {
            message = "Parameter verification failed.";
        } else if (error.title() != null) {
            message = error.title();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", null);
        body.put("message", message);
        if (!error.details().isEmpty()) {
            body.put("errors", error.details());
        }
        return new RenderedError(
                error.status(),
                reasonPhrase(message),
                "application/json;charset=UTF-8",
                ErrorJson.write(body),
                headers);
    }

    /** A status line cannot carry line breaks or control characters; keep it short. */
    static String reasonPhrase(String message) {
        String flat = message.replaceAll("[\\p{Cntrl}]+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) : flat;
    }
}
