package dev.opsuite.gateway.pve.facade;

import dev.opsuite.gateway.auth.Caller;
import dev.opsuite.gateway.pve.PveConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Callers whose credential checked out a moment ago, so scripted PVE clients (hundreds of calls a
 * second with the same token) do not cost a database round trip each. Keyed by a SHA-256 of the
 * credential (never the credential itself); an entry lives {@code opsuite.pve.auth-cache-ttl}
 * (5 s, 0 = off) and never past the credential's own expiry, so a revoked token or a disabled user
 * stops working within that time. Failures are never cached.
 */
@ApplicationScoped
public class CredentialCache {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Caller caller, long expiresAtNanos) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public CredentialCache(PveConfig config) {
        this.ttlNanos = config.authCacheTtl().toNanos();
    }

    Optional<Caller> get(String credential) {
        if (ttlNanos <= 0) {
            return Optional.empty();
        }
        String key = key(credential);
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.expiresAtNanos >= 0) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.caller());
    }

    void put(String credential, Caller caller) {
        if (ttlNanos <= 0) {
            return;
        }
        long ttl = ttlNanos;
        if (caller.expiresAt() != null) {
            long left = (caller.expiresAt().toEpochMilli() - Instant.now().toEpochMilli()) * 1_000_000L;
            ttl = Math.min(ttl, left);
        }
        if (ttl <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key(credential), new Entry(caller, System.nanoTime() + ttl));
    }

    private static String key(String credential) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
