package dev.opsuite.gateway.pve.facade;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of a PVE request body: a form (what most PVE clients send) or a JSON object. */
final class BodyParams {

    private BodyParams() {}

    static Map<String, String> parse(String contentType, Buffer body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.length() == 0) {
            return params;
        }
        String type = contentType == null ? "" : contentType.toLowerCase();
        if (type.startsWith("application/json")) {
            try {
                JsonObject json = body.toJsonObject();
                json.forEach(e -> params.put(e.getKey(), String.valueOf(e.getValue())));
            } catch (DecodeException | ClassCastException e) {
                throw new IllegalArgumentException("The request body is not a JSON object");
            }
            return params;
        }
        try {
            for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                params.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The form body has a malformed percent-encoding");
        }
        return params;
    }
}
