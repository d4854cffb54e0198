package dev.opsuite.l10n.settings;

import java.util.Arrays;
import java.util.Optional;

/** The known settings: JSON integers with a default and an allowed range. */
public enum Setting {
    SYNC_INTERVAL_SECONDS("sync_interval_seconds", 300, 10, 86_400, "how often clients should sync"),
    CHUNK_SIZE_MB(
            "chunk_size_mb", 2, 1, 64, "largest chunk a client may upload (compressed), the handshake's max_chunk_mb"),
    MAX_CONCURRENT("max_concurrent", 4, 1, 32, "parallel chunk uploads per client, the handshake's max_concurrent"),
    RETRY_ATTEMPTS("retry_attempts", 5, 0, 20, "retries of a failed queue task before it is dead"),
    CACHE_TTL_EXPORT_SECONDS("cache_ttl_export_seconds", 300, 0, 86_400, "lifetime of cached export pages"),
    CACHE_TTL_DICT_SECONDS("cache_ttl_dict_seconds", 3_600, 0, 604_800, "lifetime of cached dictionaries"),
    CACHE_TTL_STATS_SECONDS("cache_ttl_stats_seconds", 30, 0, 3_600, "lifetime of cached statistics"),
    QUEUE_MAX_DEPTH("queue_max_depth", 100_000, 1, 10_000_000, "open tasks beyond which new tasks are refused"),
    COMMIT_QUEUE_THRESHOLD(
            "commit_queue_threshold",
            50_000,
            0,
            100_000_000,
            "commits with more entries are queued as import_delta_block tasks"),
    EXPORT_BATCH_SIZE("export_batch_size", 1_000, 100, 1_000_000, "rows an export returns when no limit is given");

    private final String key;
    private final long defaultValue;
    private final long min;
    private final long max;
    private final String description;

    Setting(String key, long defaultValue, long min, long max, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public long defaultValue() {
        return defaultValue;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    public String description() {
        return description;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
