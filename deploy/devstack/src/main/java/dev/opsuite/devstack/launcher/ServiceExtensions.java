package dev.opsuite.devstack.launcher;

import java.util.List;
import java.util.Map;

/** PostgreSQL extensions a service's migrations expect in its schema (installed by the admin). */
final class ServiceExtensions {
    /** l10n: pg_trgm for translation-memory fuzzy matches. */
    private static final Map<String, List<String>> BY_SERVICE = Map.of("l10n", List.of("pg_trgm"));

    private ServiceExtensions() {}

    static List<String> of(String service) {
        return BY_SERVICE.getOrDefault(service, List.of());
    }
}
