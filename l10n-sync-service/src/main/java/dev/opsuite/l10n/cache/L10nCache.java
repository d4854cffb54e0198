package dev.opsuite.l10n.cache;

import dev.opsuite.l10n.settings.Setting;
import dev.opsuite.l10n.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An in-process cache of export pages, dictionaries and statistics, with per-kind lifetimes from the
 * settings, a byte budget (least recently used out first) and measured hits, misses and evictions.
 */
@ApplicationScoped
public class L10nCache {
    public enum Kind {
        EXPORT_PAGE(Setting.CACHE_TTL_EXPORT_SECONDS),
        DICT(Setting.CACHE_TTL_DICT_SECONDS),
        STATS(Setting.CACHE_TTL_STATS_SECONDS);

        final Setting ttl;

        Kind(Setting ttl) {
            this.ttl = ttl;
        }
    }

    static final long MAX_BYTES = 256L * 1024 * 1024;

    private record Entry(Object value, long bytes, long expiresAtMillis) {}

    private final Settings settings;
    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<Kind, AtomicLong> hits = new EnumMap<>(Kind.class);
    private final Map<Kind, AtomicLong> misses = new EnumMap<>(Kind.class);
    private final AtomicLong evictions = new AtomicLong();
    private final Map<Kind, Long> ttlMillis = new ConcurrentHashMap<>();
    private long bytes;

    public L10nCache(Settings settings) {
        this.settings = settings;
        for (Kind k : Kind.values()) {
            hits.put(k, new AtomicLong());
            misses.put(k, new AtomicLong());
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Kind kind, String key, Supplier<T> load) {
        String k = kind + ":" + key;
        long now = System.currentTimeMillis();
        synchronized (this) {
            Entry e = entries.get(k);
            if (e != null && e.expiresAtMillis > now) {
                hits.get(kind).incrementAndGet();
                return (T) e.value;
            }
        }
        misses.get(kind).incrementAndGet();
        T value = load.get();
        put(kind, key, value);
        return value;
    }

    public synchronized boolean contains(Kind kind, String key) {
        Entry e = entries.get(kind + ":" + key);
        return e != null && e.expiresAtMillis > System.currentTimeMillis();
    }

    public void put(Kind kind, String key, Object value) {
        long ttl = ttl(kind);
        if (ttl <= 0) {
            return;
        }
        long size = sizeOf(value);
        synchronized (this) {
            Entry old = entries.put(kind + ":" + key, new Entry(value, size, System.currentTimeMillis() + ttl));
            bytes += size - (old == null ? 0 : old.bytes);
            var it = entries.entrySet().iterator();
            while (bytes > MAX_BYTES && it.hasNext()) {
                Entry victim = it.next().getValue();
                bytes -= victim.bytes;
                it.remove();
                evictions.incrementAndGet();
            }
        }
    }

    public synchronized void invalidate(Kind kind, String key) {
        Entry e = entries.remove(kind + ":" + key);
        if (e != null) {
            bytes -= e.bytes;
        }
    }

    /** Drops expired entries; returns how many. */
    public synchronized int cleanup() {
        long now = System.currentTimeMillis();
        int removed = 0;
        var it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.expiresAtMillis <= now) {
                bytes -= e.bytes;
                it.remove();
                removed++;
            }
        }
        ttlMillis.clear();
        return removed;
    }

    public record KindStatus(long entries, long bytes, long hits, long misses, double hitRatio, long ttlSeconds) {}

    public record Status(long entries, long bytes, long maxBytes, long evictions, Map<String, KindStatus> kinds) {}

    public synchronized Status status() {
        Map<String, KindStatus> kinds = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (Kind kind : Kind.values()) {
            long n = 0;
            long b = 0;
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                if (e.getKey().startsWith(kind + ":") && e.getValue().expiresAtMillis > now) {
                    n++;
                    b += e.getValue().bytes;
                }
            }
            long h = hits.get(kind).get();
            long m = misses.get(kind).get();
            kinds.put(
                    kind.name().toLowerCase(),
                    new KindStatus(n, b, h, m, h + m == 0 ? 0 : (double) h / (h + m), ttl(kind) / 1000));
        }
        return new Status(entries.size(), bytes, MAX_BYTES, evictions.get(), kinds);
    }

    private long ttl(Kind kind) {
        return ttlMillis.computeIfAbsent(kind, k -> settings.get(k.ttl) * 1000);
    }

    /** Settings changed: lifetimes are read again. */
    public void settingsChanged() {
        ttlMillis.clear();
    }

    private static long sizeOf(Object value) {
        if (value instanceof byte[] b) {
            return b.length;
        }
        if (value instanceof CachedPage p) {
            return p.body().length + 256;
        }
        return 1024;
    }
}
