package dev.opsuite.common.error;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Which error dialect a request path speaks. Example (the gateway):
 * <pre>
 * opsuite.errors.default-dialect=problem
 * opsuite.errors.dialects."/api/v1/auth"=automation
 * opsuite.errors.dialects."/api2/json"=pve
 * opsuite.errors.dialects."/api/v1/pve/clusters/*&#47;api2/json"=pve
 * </pre>
 * Keys are path prefixes matched on whole segments; {@code *} matches one segment; the longest wins.
 */
@ConfigMapping(prefix = "opsuite.errors")
public interface ErrorsConfig {

    @WithDefault("problem")
    ErrorDialect defaultDialect();

    /** path prefix -> dialect */
    Map<String, ErrorDialect> dialects();

    /** Status for bean-validation failures of request input: 400 or 422. */
    @WithDefault("400")
    int validationStatus();
}
