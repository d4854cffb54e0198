package dev.opsuite.devstack.pve;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One answer of the PVE test server, in PVE's wire form: the status, the reason phrase (PVE puts its
 * message there), and the JSON body ({@code null} for the empty body of a 401).
 */
public record PveReply(int status, String reason, JsonObject body) {

    public static PveReply ok(Object data) {
        return new PveReply(200, "OK", new JsonObject().put("data", data));
    }

    public static PveReply okWithTotal(Object data, int total) {
        return new PveReply(200, "OK", new JsonObject().put("data", data).put("total", total));
    }

    /** 400 with PVE's per-parameter messages. */
    public static PveReply paramError(Map<String, String> errors) {
        JsonObject body = new JsonObject().putNull("data");
        JsonObject e = new JsonObject();
        errors.forEach(e::put);
        body.put("errors", e).put("message", "Parameter verification failed.\n");
        return new PveReply(400, "Parameter verification failed.", body);
    }

    /** Any other failure: PVE's message (without its trailing newline) in the status line and the body. */
    public static PveReply error(int status, String message) {
        return new PveReply(status, message, new JsonObject().putNull("data").put("message", message + "\n"));
    }

    public static PveReply unauthorized(String reason) {
        return new PveReply(401, reason, null);
    }
}
