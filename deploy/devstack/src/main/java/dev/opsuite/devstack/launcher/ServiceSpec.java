package dev.opsuite.devstack.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One of the five services as the launcher starts it.
 *
 * @param name        short name: schema, role, log file and console prefix
 * @param module      folder (and artifactId) in the repository
 * @param defaultPort the fixed dev port of ARCHITECTURE.md
 */
public record ServiceSpec(String name, String module, int defaultPort) {

    /** Start order; the gateway first, so its JWKS is up as early as possible. Stopped in reverse. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("gateway", "pve-gateway", 8080),
            new ServiceSpec("telemetry", "telemetry-service", 8081),
            new ServiceSpec("deployment", "deployment-service", 8082),
            new ServiceSpec("l10n", "l10n-sync-service", 8083),
            new ServiceSpec("automation", "automation-service", 8084));

    /** The services behind the gateway (everything but the gateway itself). */
    public static List<ServiceSpec> upstreams() {
        return ALL.stream().filter(s -> !s.isGateway()).toList();
    }

    public boolean isGateway() {
        return "gateway".equals(name);
    }

    /** The packaged application Quarkus builds ({@code fast-jar}). */
    public Path runJar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /** Env var the gateway reads for this upstream's base URL ({@code opsuite.gateway.upstream.<name>}). */
    public String gatewayUpstreamVariable() {
        return "OPSUITE_GATEWAY_UPSTREAM_" + name.toUpperCase(Locale.ROOT);
    }
}
