package dev.opsuite.common.request;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request-line and header limits applied by {@link RequestGuard}. They sit below the HTTP codec's own
 * limits ({@code quarkus.http.limits.max-initial-line-length} / {@code max-header-size}, raised in
 * common-lib's defaults) so an oversized request gets an answer in the API's dialect with a request
 * id, instead of the codec's empty one.
 */
@ConfigMapping(prefix = "opsuite.http")
public interface HttpLimitsConfig {

    /** Longest request target (path + query) answered normally; longer is a 414. */
    @WithDefault("8192")
    int maxUriLength();

    /** Largest sum of header names and values; larger is a 431. */
    @WithDefault("32768")
    int maxHeaderBytes();
}
