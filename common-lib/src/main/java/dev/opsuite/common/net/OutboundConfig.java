package dev.opsuite.common.net;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * <pre>
 * opsuite.outbound.allow=hooks.internal.example,10.20.0.0/16,127.0.0.1   (hosts and/or CIDRs)
 * opsuite.outbound.require-https=false
 * </pre>
 */
@ConfigMapping(prefix = "opsuite.outbound")
public interface OutboundConfig {
    /** Host names (exact, case-insensitive) and CIDRs that may be called even though they are internal. */
    Optional<List<String>> allow();

    /** When true, plain http is refused unless the host is allow-listed. */
    @WithDefault("false")
    boolean requireHttps();
}
