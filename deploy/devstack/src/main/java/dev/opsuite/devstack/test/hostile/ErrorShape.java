package dev.opsuite.devstack.test.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.function.Function;

/**
 * The error dialects of the suite (ARCHITECTURE.md §5), as a client of each API would parse them: the
 * problem with an error response's shape, or empty when it is well-formed.
 */
public enum ErrorShape {
    /** RFC 9457 problem+json with {@code code} and {@code request_id}. */
    PROBLEM {
        @Override
        Optional<String> violation(RawResponse r) {
            if (!contentType(r).startsWith("application/problem+json")) {
                return Optional.of("content type " + contentType(r) + ", not application/problem+json");
            }
            return json(r, j -> {
                if (!j.path("type").isTextual()
                        || !j.path("title").isTextual()
                        || !j.path("code").isTextual()) {
                    return Optional.of("problem without type/title/code: " + j);
                }
                if (j.path("status").asInt() != r.status()) {
                    return Optional.of("problem status " + j.path("status") + " differs from " + r.status());
                }
                return sameRequestId(r, j.path("request_id").asText(null));
            });
        }
    },
    /** {@code {"code":4xx,"message":"…","error":"…"}}. */
    AUTOMATION {
        @Override
        Optional<String> violation(RawResponse r) {
            if (!contentType(r).startsWith("application/json")) {
                return Optional.of("content type " + contentType(r) + ", not application/json");
            }
            return json(
                    r,
                    j -> j.path("code").asInt() == r.status()
                                    && j.path("message").isTextual()
                                    && j.path("error").isTextual()
                            ? Optional.<String>empty()
                            : Optional.of("not {code,message,error} with code " + r.status() + ": " + j));
        }
    },
    /** {@code {"error":"validation_failed","message":"…","details":{…},"request_id":"req_…"}}. */
    L10N {
        @Override
        Optional<String> violation(RawResponse r) {
            if (!contentType(r).startsWith("application/json")) {
                return Optional.of("content type " + contentType(r) + ", not application/json");
            }
            return json(
                    r,
                    j -> j.path("error").isTextual() && j.path("message").isTextual()
                            ? sameRequestId(r, j.path("request_id").asText(null))
                            : Optional.of("not {error,message,request_id}: " + j));
        }
    },
    /**
     * PVE's own: an empty-body 401 (or {@code {"data":null}} for a failed ticket login, which
     * proxmoxer reads), else {@code {"data":null,…}} with {@code message} or {@code errors}.
     */
    PVE {
        @Override
        Optional<String> violation(RawResponse r) {
            if (r.status() == 401) {
                String body = r.bodyText().strip();
                return body.isEmpty() || body.equals("{\"data\":null}")
                        ? Optional.empty()
                        : Optional.of("PVE 401 with a body other than {\"data\":null}");
            }
            return json(
                    r,
                    j -> j.has("data") && j.path("data").isNull() && (j.has("message") || j.has("errors"))
                            ? Optional.<String>empty()
                            : Optional.of("not PVE's {data:null, message|errors}: " + j));
        }
    },
    /** The bash install client's short text/plain answers. */
    TELEMETRY_TEXT {
        @Override
        Optional<String> violation(RawResponse r) {
            if (!contentType(r).startsWith("text/plain")) {
                return Optional.of("content type " + contentType(r) + ", not text/plain");
            }
            return r.body().length > 0 && r.body().length < 200
                    ? Optional.empty()
                    : Optional.of("not a short text answer");
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    abstract Optional<String> violation(RawResponse response);

    private static String contentType(RawResponse r) {
        return r.header("content-type").orElse("(none)").toLowerCase();
    }

    /** Parses the body and runs the dialect's check on it; an unparseable body is itself the violation. */
    private static Optional<String> json(RawResponse r, Function<JsonNode, Optional<String>> check) {
        JsonNode node;
        try {
            node = JSON.readTree(r.body());
        } catch (Exception e) {
            return Optional.of("body is not JSON: " + Mutations.shorten(r.bodyText()));
        }
        return check.apply(node);
    }

    private static Optional<String> sameRequestId(RawResponse r, String inBody) {
        String header = r.header("x-request-id").orElse(null);
        return header != null && header.equals(inBody)
                ? Optional.empty()
                : Optional.of("request_id " + inBody + " differs from X-Request-Id " + header);
    }
}
