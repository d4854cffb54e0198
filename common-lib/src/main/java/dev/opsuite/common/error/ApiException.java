package dev.opsuite.common.error;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What services throw for an expected failure. The shared mappers render it in the dialect of the
 * request's API. No stack trace is captured: it describes a client's mistake, not a bug.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private String title;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code == null ? ErrorCodes.forStatus(status) : code;
    }

    public ApiException(int status, String code, String message, Map<String, ?> details) {
        this(status, code, message);
        if (details != null) {
            this.details.putAll(details);
        }
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorCodes.BAD_REQUEST, message);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** 400 validation_failed with per-field details (field -> problem). */
    public static ApiException validation(String message, Map<String, ?> fieldErrors) {
        return new ApiException(400, ErrorCodes.VALIDATION_FAILED, message, fieldErrors);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, ErrorCodes.UNAUTHORIZED, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, ErrorCodes.FORBIDDEN, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, ErrorCodes.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, ErrorCodes.CONFLICT, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException unprocessable(String message) {
        return new ApiException(422, ErrorCodes.UNPROCESSABLE, message);
    }

    public static ApiException unprocessable(String code, String message) {
        return new ApiException(422, code, message);
    }

    /** 429 with a Retry-After header in whole seconds (at least 1). */
    public static ApiException tooManyRequests(Duration retryAfter, String message) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(429, ErrorCodes.RATE_LIMITED, message)
                .withHeader("Retry-After", Long.toString(seconds));
    }

    public static ApiException of(int status, String code, String message) {
        return new ApiException(status, code, message);
    }

    /** Short summary for dialects with a title slot (automation's "message", problem's "title"). */
    public ApiException withTitle(String title) {
        this.title = title;
        return this;
    }

    public ApiException withDetail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> details() {
        return Collections.unmodifiableMap(details);
    }

    public ApiError toError(String requestId) {
        return new ApiError(status, code, title, getMessage(), details, requestId, headers);
    }
}
