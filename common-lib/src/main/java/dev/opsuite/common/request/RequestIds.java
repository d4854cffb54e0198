package dev.opsuite.common.request;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.MDC;

/**
 * Request ids: validation of incoming ones, generation, and access to the current request's id
 * from anywhere on the request's (duplicated) Vert.x context or thread.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** MDC key; the default log format prints it as {@code %X{request_id}}. */
    public static final String MDC_KEY = "request_id";

    static final String LOCAL_KEY = "opsuite.request-id";

    private RequestIds() {}

    /** True when a client-supplied id may be kept: 1-128 chars of [A-Za-z0-9._:-]. */
    public static boolean isAcceptable(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 128) {
            return false;
        }
        // a loop, not a regex: this runs on every request the gateway forwards
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean sane = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!sane) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code req_} followed by 128 random bits in hex. A request id correlates log lines; it is
     * no secret and guards nothing, so it comes from the thread's fast generator rather than
     * SecureRandom (which every forwarded request would otherwise pay for).
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "req_" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }

    /** The incoming id when acceptable, otherwise a fresh one. */
    public static String acceptOrGenerate(String incoming) {
        return isAcceptable(incoming) ? incoming : generate();
    }

    /** The id of the request being handled, if any. */
    public static Optional<String> current() {
        if (VertxContext.isOnDuplicatedContext()) {
            Optional<String> local = ContextLocals.get(LOCAL_KEY);
            if (local.isPresent()) {
                return local;
            }
        }
        Object mdc = MDC.get(MDC_KEY);
        return mdc == null ? Optional.empty() : Optional.of(mdc.toString());
    }

    /** Binds an id to the current context (and MDC); consumers of Kafka records use this too. */
    public static void bind(String id) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(LOCAL_KEY, id);
        }
        MDC.put(MDC_KEY, id);
    }
}
