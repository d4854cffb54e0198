package dev.opsuite.common.request;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
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

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    /** True when a client-supplied id may be kept: 1-128 chars of [A-Za-z0-9._:-]. */
    public static boolean isAcceptable(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches();
    }

    /** {@code req_} followed by 128 random bits in hex. */
    public static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
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
