package dev.opsuite.common.error;

import java.util.Map;

/**
 * The telemetry bash clients only look at the status and a short word or two. Codes produced by
 * the shared mappers get the texts the field clients know; a service's own codes keep their
 * message ("invalid body", "server busy").
 */
final class TelemetryRenderer implements ErrorRenderer {
    private static final Map<String, String> TEXTS = Map.of(
            ErrorCodes.VALIDATION_FAILED, "invalid payload",
            ErrorCodes.MALFORMED_JSON, "invalid json",
            ErrorCodes.RATE_LIMITED, "rate limited",
            ErrorCodes.NOT_FOUND, "not found",
            ErrorCodes.METHOD_NOT_ALLOWED, "method not allowed",
            ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "unsupported media type",
            ErrorCodes.PAYLOAD_TOO_LARGE, "invalid body",
            ErrorCodes.INTERNAL_ERROR, "internal error",
            ErrorCodes.UNAUTHORIZED, "unauthorized",
            ErrorCodes.FORBIDDEN, "forbidden");

    @Override
    public RenderedError render(ApiError error, String instance) {
        String text = TEXTS.getOrDefault(error.code(), error.message());
        return new RenderedError(
                error.status(), null, "text/plain;charset=UTF-8", text, RenderedError.headersOf(error));
    }
}
