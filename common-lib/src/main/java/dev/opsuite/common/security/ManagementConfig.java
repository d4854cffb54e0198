package dev.opsuite.common.security;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * Who may read a service's operational documents ({@code /q/metrics}, {@code /q/openapi}): admins,
 * and scrapers from these networks (e.g. the monitoring namespace's pod CIDR). Health stays open.
 */
@ConfigMapping(prefix = "opsuite.management")
public interface ManagementConfig {

    /** CIDRs whose clients may read without a token; none by default. */
    Optional<List<String>> allowedCidrs();
}
