package dev.opsuite.common.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Keeps the HTTP metrics' tags bounded whatever clients send: a method HTTP does not define is
 * recorded as {@code OTHER}, never as a new series (each one costs memory for the life of the
 * process, and anyone could mint them).
 */
public class BoundedHttpTags {
    static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

    @Produces
    @Singleton
    MeterFilter knownMethodsOnly() {
        return MeterFilter.replaceTagValues("method", method -> METHODS.contains(method) ? method : "OTHER");
    }
}
