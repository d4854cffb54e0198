package dev.opsuite.gateway.pve;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the PVE facade, its HTTPS listener, its upstream calls and its poller. */
@ConfigMapping(prefix = "opsuite.pve")
public interface PveConfig {

    Https https();

    Upstream upstream();

    Cache cache();

    Retry retry();

    Poller poller();

    /** How long an id returned by /cluster/nextid stays reserved for its caller. */
    @WithDefault("120s")
    Duration nextidReservation();

    /**
     * How long a checked credential is trusted without asking the database again (0 = every
     * request); revocations take effect within this.
     */
    @WithDefault("5s")
    Duration authCacheTtl();

    /** Lifetime of tickets from POST /api2/json/access/ticket (PVE: 2 h). */
    @WithDefault("2h")
    Duration ticketTtl();

    interface Https {
        @WithDefault("true")
        boolean enabled();

        /** 0 picks a free port (tests). */
        @WithDefault("8443")
        int port();

        @WithDefault("0.0.0.0")
        String host();

        /** PEM certificate (chain) and key; without them a self-signed pair is generated once and kept. */
        Optional<String> certFile();

        Optional<String> keyFile();

        /** Where the generated self-signed pair is kept across restarts. */
        @WithDefault("data/pve-facade-tls")
        String selfSignedDir();
    }

    interface Upstream {
        /** Concurrent requests per PVE node; more wait in a queue. */
        @WithDefault("3")
        int maxPerNode();

        /** Idle pooled connections are closed after this, before pveproxy's own 5 s close. */
        @WithDefault("4s")
        Duration keepAlive();

        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("30s")
        Duration readTimeout();

        /** After a connect failure a node is tried last for this long. */
        @WithDefault("10s")
        Duration nodeDownFor();
    }

    interface Cache {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("5s")
        Duration ttl();
    }

    interface Retry {
        /** Attempts (first included) of an idempotent call on PVE lock timeouts and 596/599. */
        @WithDefault("3")
        int attempts();

        @WithDefault("250ms")
        Duration backoff();
    }

    interface Poller {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("10s")
        Duration interval();

        /** Every this often the poller also publishes the node inventory. */
        @WithDefault("60s")
        Duration inventoryEvery();

        /** A replica that stops renewing loses the lease after this. */
        @WithDefault("30s")
        Duration leaseTtl();
    }
}
