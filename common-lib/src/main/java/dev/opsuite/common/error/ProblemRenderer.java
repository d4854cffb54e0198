package dev.opsuite.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details; {@code type} is a URN per machine code. */
final class ProblemRenderer implements ErrorRenderer {
    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:opsuite:problem:";

    @Override
    public RenderedError render(ApiError error, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + error.code());
        body.put("title", error.title() != null ? error.title() : ErrorCodes.reasonPhrase(error.status()));
        body.put("status", error.status());
        body.put("detail", error.message());
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", error.code());
        body.put("request_id", error.requestId());
        if (!error.details().isEmpty()) {
            body.put("details", error.details());
        }
        return new RenderedError(
                error.status(), null, MEDIA_TYPE, ErrorJson.write(body), RenderedError.headersOf(error));
    }
}
