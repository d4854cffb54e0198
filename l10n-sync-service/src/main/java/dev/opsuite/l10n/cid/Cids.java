package dev.opsuite.l10n.cid;

import dev.opsuite.l10n.domain.EntryContent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Blake3;

/**
 * Content identifiers: {@code "b3:" + hex(BLAKE3-256(bytes))}. An entry's bytes are the RFC 8785
 * canonical JSON of {dst_text, key, language_file_uid, src_text, status} (UTF-8); a chunk's are its
 * uncompressed body.
 */
public final class Cids {
    public static final String PREFIX = "b3:";
    private static final Pattern CID = Pattern.compile("b3:[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private Cids() {}

    public static boolean isCid(String s) {
        return s != null && s.length() == 67 && CID.matcher(s).matches();
    }

    /** The five members, written directly in JCS order (their names sort the same way every time). */
    public static String canonical(EntryContent c) {
        StringBuilder sb = new StringBuilder(
                128 + length(c.dstText()) + length(c.key()) + length(c.srcText()) + length(c.languageFileUid()));
        sb.append("{\"dst_text\":");
        CanonicalJson.writeNullable(sb, c.dstText());
        sb.append(",\"key\":");
        CanonicalJson.writeNullable(sb, c.key());
        sb.append(",\"language_file_uid\":");
        CanonicalJson.writeNullable(sb, c.languageFileUid());
        sb.append(",\"src_text\":");
        CanonicalJson.writeNullable(sb, c.srcText());
        sb.append(",\"status\":");
        CanonicalJson.writeNullable(sb, c.status());
        return sb.append('}').toString();
    }

    private static int length(String s) {
        return s == null ? 4 : s.length();
    }

    public static String ofEntry(EntryContent c) {
        return ofBytes(canonical(c).getBytes(StandardCharsets.UTF_8));
    }

    public static String ofBytes(byte[] bytes) {
        return PREFIX + HEX.formatHex(Blake3.hash(bytes));
    }

    /**
     * The Bloom hashes of a CID: h1, h2 = bytes 0-7 and 8-15 of BLAKE3-256(UTF-8 of the CID string),
     * each an unsigned little-endian 64-bit integer (Java longs with the same bits).
     */
    public static long[] bloomHashes(String cid) {
        byte[] digest = new byte[16];
        Blake3.initHash().update(cid.getBytes(StandardCharsets.UTF_8)).doFinalize(digest);
        ByteBuffer b = ByteBuffer.wrap(digest).order(ByteOrder.LITTLE_ENDIAN);
        return new long[] {b.getLong(0), b.getLong(8)};
    }

    /** A running hash for bodies read as a stream. */
    public static final class Hasher {
        private final Blake3 blake3 = Blake3.initHash();

        public void update(byte[] buf, int off, int len) {
            blake3.update(buf, off, len);
        }

        public String cid() {
            byte[] out = new byte[32];
            blake3.doFinalize(out);
            return PREFIX + HEX.formatHex(out);
        }
    }
}
