package dev.opsuite.telemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of the telemetry service; every default works on one machine (`make run`). */
@ConfigMapping(prefix = "opsuite.telemetry")
public interface TelemetryConfig {

    Ingest ingest();

    RateLimit rateLimit();

    Sweeper sweeper();

    Retention retention();

    Dashboard dashboard();

    interface Ingest {
        /** The durable ingest buffer: 202 is answered only once an event is on this topic (acks=all). */
        @WithDefault("telemetry.ingest.v1")
        String topic();

        @WithDefault("${kafka.bootstrap.servers}")
        String bootstrapServers();

        /** How long a request waits for the broker's acknowledgement before answering 503. */
        @WithDefault("5s")
        Duration ackTimeout();

        /** Larger bodies are refused with 400 "invalid body". */
        @WithDefault("262144")
        int maxBodyBytes();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("300")
        int perMinute();

        @WithDefault("60")
        int burst();

        /**
         * Only peers in these networks may set X-Forwarded-For: the gateway's addresses, nothing
         * wider (anyone on a private network could otherwise pick the address they are limited as).
         * Loopback by default, where {@code make run} puts the gateway; on Kubernetes, the gateway
         * pods' network.
         */
        @WithDefault("127.0.0.1/32,::1/128")
        List<String> trustedProxies();
    }

    interface Sweeper {
        /** The scheduled run; the admin endpoint works either way. */
        @WithDefault("true")
        boolean enabled();

        /** Executions without a terminal report for this long become unknown/timeout. */
        @WithDefault("1h")
        Duration stuckAfter();

        @WithDefault("5m")
        String interval();
    }

    interface Retention {
        @WithDefault("false")
        boolean enabled();

        /** Raw events (and finished executions) older than this many days are deleted; rollups stay. */
        @WithDefault("365")
        int days();

        @WithDefault("6h")
        String interval();
    }

    interface Dashboard {
        /** Cache of dashboard answers covering today only. */
        @WithDefault("10s")
        Duration cacheShort();

        /** Cache of dashboard answers over longer ranges. */
        @WithDefault("5m")
        Duration cacheLong();

        /** Apps with fewer executions do not enter the failure ranking. */
        @WithDefault("10")
        int minInstalls();
    }
}
