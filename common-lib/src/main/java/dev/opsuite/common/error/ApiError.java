package dev.opsuite.common.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error model of the suite. Renderers turn it into the dialect of the API a request belongs to.
 *
 * @param status    HTTP status
 * @param code      stable machine code (snake_case, e.g. {@code validation_failed})
 * @param title     optional short summary; dialects that have a title slot fall back to their own default
 * @param message   human readable explanation, safe to show to clients
 * @param details   structured details (e.g. field -> problem), never null
 * @param requestId the request id of the failing request, may be null outside a request
 * @param headers   extra response headers (Retry-After, Allow, WWW-Authenticate), never null
 */
public record ApiError(
        int status,
        String code,
        String title,
        String message,
        Map<String, Object> details,
        String requestId,
        Map<String, String> headers) {

    public ApiError {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (code == null || code.isBlank()) {
            code = ErrorCodes.forStatus(status);
        }
        if (message == null || message.isBlank()) {
            message = ErrorCodes.defaultMessage(status);
        }
    }

    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, null, message, Map.of(), null, Map.of());
    }

    public ApiError withRequestId(String id) {
        return new ApiError(status, code, title, message, details, id, headers);
    }

    public ApiError withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiError(status, code, title, message, details, requestId, h);
    }
}
