package dev.opsuite.l10n.catalogue;

import dev.opsuite.common.error.ApiException;
import java.util.Map;

/** Optimistic concurrency for If-Match: the row's version must be the one the client read. */
public final class Versions {
    private Versions() {}

    /** @param expected null = any version (If-Match: *) */
    public static void check(long current, Long expected) {
        if (expected != null && expected != current) {
            throw new ApiException(
                            412,
                            "precondition_failed",
                            "The object changed since you read it (version " + expected + ", now " + current + ")",
                            Map.of("current_version", current, "expected_version", expected))
                    .withHeader("ETag", "\"" + current + "\"");
        }
    }
}
