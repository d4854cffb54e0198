package dev.opsuite.common.idempotency;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** A response as remembered for replay: status, headers and the serialised body. */
record StoredResponse(int status, Map<String, List<String>> headers, byte[] body) {

    Response toReplay() {
        Response.ResponseBuilder builder = Response.status(status);
        headers.forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        builder.header(Idempotency.REPLAYED_HEADER, "true");
        if (body != null && body.length > 0) {
            builder.entity(body);
        }
        return builder.build();
    }
}
