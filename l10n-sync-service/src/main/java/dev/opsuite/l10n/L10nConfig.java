package dev.opsuite.l10n;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** {@code l10n.*}: the service's settings; the defaults work for a local run. */
@ConfigMapping(prefix = "l10n")
public interface L10nConfig {

    /** Reads without a token (viewer rights) when true; writes always need operator or admin. */
    @WithDefault("false")
    boolean anonymousRead();

    /** The locale whose files carry the source texts (src_text) of a carrier. */
    @WithDefault("en_us")
    String sourceLocale();

    Sync sync();

    Queue queue();

    Webhooks webhooks();

    interface Sync {
        /** How long an uncommitted session (and its partial uploads) lives. */
        @WithDefault("1h")
        Duration sessionTtl();

        /** Largest uncompressed chunk accepted. */
        @WithDefault("256M")
        @WithName("max-decompressed")
        String maxDecompressedText();

        /** Largest uncompressed/compressed ratio accepted for chunks over 1 MiB uncompressed. */
        @WithDefault("200")
        int maxRatio();

        /** Largest Bloom filter accepted, in bits (128 MiB of bits). */
        @WithDefault("1073741824")
        long maxBloomBits();

        /**
         * Entries of all scopes an instance keeps in memory for handshakes (56 bytes each); the least
         * recently used scopes go first.
         */
        @WithDefault("2000000")
        long snapshotMaxEntries();

        /** A scope snapshot older than this is read again even if nothing logged a change. */
        @WithDefault("10m")
        Duration snapshotMaxAge();

        /** How long entry_changes rows are kept (far longer than snapshot-max-age). */
        @WithDefault("1d")
        Duration changeLogRetention();

        default long maxDecompressed() {
            return Sizes.parse(maxDecompressedText());
        }
    }

    interface Queue {
        /** Built-in workers (import_delta_block, qa_run, export_stream) per instance; 0 = none. */
        @WithDefault("2")
        int workers();

        @WithDefault("1s")
        Duration pollInterval();

        /** Lease the built-in workers take on a task. */
        @WithDefault("5m")
        Duration workerLease();

        /** First retry delay; doubles per attempt up to max-backoff. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("10m")
        Duration maxBackoff();
    }

    interface Webhooks {
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("10m")
        Duration maxBackoff();

        @WithDefault("10s")
        Duration timeout();
    }

    /** Parses 64M / 1G / 1024 style sizes. */
    final class Sizes {
        private Sizes() {}

        public static long parse(String text) {
            String t = text.trim().toUpperCase();
            long factor = 1;
            if (t.endsWith("K")) {
                factor = 1024;
            } else if (t.endsWith("M")) {
                factor = 1024 * 1024;
            } else if (t.endsWith("G")) {
                factor = 1024L * 1024 * 1024;
            }
            if (factor > 1) {
                t = t.substring(0, t.length() - 1);
            }
            return Long.parseLong(t) * factor;
        }
    }
}
