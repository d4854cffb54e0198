package dev.opsuite.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

/** The l10n API's shape; {@code details} is always present so clients can rely on it. */
final class L10nRenderer implements ErrorRenderer {

    @Override
    public RenderedError render(ApiError error, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", error.message());
        body.put("details", error.details());
        body.put("request_id", error.requestId());
        return new RenderedError(
                error.status(), null, "application/json", ErrorJson.write(body), RenderedError.headersOf(error));
    }
}
