package dev.opsuite.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where this service learns which tokens the gateway revoked. */
@ConfigMapping(prefix = "opsuite.revocations")
public interface RevocationsConfig {

    /** Read the gateway's revocations (off only where the gateway itself checks its database). */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("gateway.revocations.v1")
    String topic();
}
