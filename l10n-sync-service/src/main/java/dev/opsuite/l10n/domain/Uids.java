package dev.opsuite.l10n.domain;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Opaque identifiers with a readable prefix: {@code pack_…}, {@code mod_…}, {@code file_…}, {@code entry_…}. */
public final class Uids {
    public static final String PACK = "pack_";
    public static final String PACK_VERSION = "packver_";
    public static final String MOD = "mod_";
    public static final String MOD_VERSION = "modver_";
    public static final String FILE = "file_";
    public static final String ENTRY = "entry_";
    public static final String GLOSSARY = "term_";
    public static final String WEBHOOK = "hook_";
    public static final String SESSION = "sync_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Uids() {}

    /**
     * prefix + 24 hex digits: 48 bits of the current time in milliseconds, then 48 random bits. Rows
     * inserted together get neighbouring keys, so a bulk insert appends to the primary key's index
     * instead of touching a random page of it per row; uids still sort and page like the random ones.
     */
    public static String ordered(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        long now = System.currentTimeMillis();
        for (int i = 5; i >= 0; i--) {
            bytes[i] = (byte) now;
            now >>>= 8;
        }
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** prefix + 24 hex digits (96 random bits). */
    public static String next(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
