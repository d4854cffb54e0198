package dev.opsuite.common.boot;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Every service's entry point. It sets what must be set before Quarkus loads its HTTP layer:
 * Quarkus's own request-target check answers a malformed URI with an empty 400 and no request id;
 * {@code RequestGuard} makes the same check (and stricter ones) and answers in the API's dialect, so
 * the built-in one is switched off. Tests set the same property through the build's argLine.
 */
@QuarkusMain
public class OpsuiteMain {
    static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(DISABLE_URI_VALIDATION, "true");
        Quarkus.run(args);
    }
}
