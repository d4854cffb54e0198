package dev.opsuite.common.request;

import dev.opsuite.common.error.ApiError;
import dev.opsuite.common.error.ErrorCodes;
import dev.opsuite.common.error.ErrorResponder;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, before authentication or any endpoint, the requests no endpoint could answer sanely:
 * an HTTP version other than 1.0/1.1/2 (505), a method HTTP does not define (400), a declared body
 * over {@code quarkus.http.limits.max-body-size} (413), an oversized
 * request target (414) or header block (431), and a request target that is not strict UTF-8 or holds
 * NUL / control characters / lone surrogates (400). Every answer is in the path's dialect and carries
 * the request id ({@link RequestIdFilter} runs first).
 */
@ApplicationScoped
public class RequestGuard {
    /** Right after the request id is assigned. */
    static final int PRIORITY = RequestIdFilter.PRIORITY - 1;

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

    private final ErrorResponder responder;
    private final HttpLimitsConfig limits;
    private final long maxBodyBytes;

    public RequestGuard(
            ErrorResponder responder,
            HttpLimitsConfig limits,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBody) {
        this.responder = responder;
        this.limits = limits;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        Optional<ApiError> refusal = refusal(rc.request());
        if (refusal.isPresent()) {
            // the connection may hold an unread body in an unknown state: do not reuse it
            rc.response().putHeader("Connection", "close");
            responder.render(refusal.get(), rc.request().path()).writeTo(rc.response());
            return;
        }
        rc.next();
    }

    Optional<ApiError> refusal(HttpServerRequest request) {
        if (request.version() == null) {
            return Optional.of(
                    ApiError.of(505, "http_version_not_supported", "Only HTTP/1.0, HTTP/1.1 and HTTP/2 are supported"));
        }
        if (!METHODS.contains(request.method().name())) {
            // not 501: a client's made-up method is the client's error, and no 5xx is the client's doing
            return Optional.of(ApiError.of(400, "unknown_method", "HTTP defines no method named " + quoted(request)));
        }
        String uri = request.uri();
        if (uri.length() > limits.maxUriLength()) {
            return Optional.of(ApiError.of(
                    414, "uri_too_long", "The request target is longer than " + limits.maxUriLength() + " characters"));
        }
        if (headerBytes(request.headers()) > limits.maxHeaderBytes()) {
            return Optional.of(ApiError.of(
                    431,
                    "headers_too_large",
                    "The request headers are larger than " + limits.maxHeaderBytes() + " bytes"));
        }
        long declared = contentLength(request);
        if (declared > maxBodyBytes) {
            // the HTTP layer would refuse it too, with an empty 413; this one speaks the dialect
            return Optional.of(ApiError.of(
                    413, ErrorCodes.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes"));
        }
        String host = request.getHeader("Host");
        if (request.version() == HttpVersion.HTTP_1_1 && (host == null || host.isBlank())) {
            return Optional.of(ApiError.of(400, ErrorCodes.BAD_REQUEST, "A valid Host header is required"));
        }
        return UriText.problem(uri)
                .map(problem -> new ApiError(
                        400,
                        ErrorCodes.BAD_REQUEST,
                        null,
                        "Invalid request target: " + problem,
                        Map.of(),
                        null,
                        Map.of()));
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses a malformed Content-Length before we get here
        }
    }

    private static String quoted(HttpServerRequest request) {
        String name = request.method().name();
        return "'" + (name.length() > 32 ? name.substring(0, 32) + "…" : name) + "'";
    }

    private static int headerBytes(MultiMap headers) {
        int total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }
}
