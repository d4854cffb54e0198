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

    /** prefix + 24 hex digits (96 random bits). */
    public static String next(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
