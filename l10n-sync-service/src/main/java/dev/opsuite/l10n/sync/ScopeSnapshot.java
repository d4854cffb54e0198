package dev.opsuite.l10n.sync;

import dev.opsuite.l10n.cid.Cids;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A scope's entries as handshakes and confirms need them, copied from PostgreSQL under one database
 * snapshot: per entry the CID's 32 digest bytes, its two Bloom hashes and its revision, in flat arrays
 * (56 bytes an entry, no object per entry). Immutable once built; {@link ScopeSnapshots} decides when
 * it is out of date.
 */
final class ScopeSnapshot {
    private static final HexFormat HEX = HexFormat.of();
    private static final int DIGEST = 32;

    /** pg_current_snapshot() of the transaction that read the entries. */
    final String databaseSnapshot;

    final Instant builtAt;
    private final int size;
    private final byte[] digests;
    private final long[] h1;
    private final long[] h2;
    private final long[] revisions;
    private final long maxRevision;

    private ScopeSnapshot(Builder b, String databaseSnapshot, Instant builtAt) {
        this.databaseSnapshot = databaseSnapshot;
        this.builtAt = builtAt;
        this.size = b.size;
        this.digests = Arrays.copyOf(b.digests, b.size * DIGEST);
        this.h1 = Arrays.copyOf(b.h1, b.size);
        this.h2 = Arrays.copyOf(b.h2, b.size);
        this.revisions = Arrays.copyOf(b.revisions, b.size);
        this.maxRevision = b.maxRevision;
    }

    int size() {
        return size;
    }

    /** The newest revision in scope (0 when empty). */
    long maxRevision() {
        return maxRevision;
    }

    long revision(int i) {
        return revisions[i];
    }

    boolean mightBeIn(BloomFilter bloom, int i) {
        return bloom.mightContain(h1[i], h2[i]);
    }

    String cid(int i) {
        return Cids.PREFIX + HEX.formatHex(digests, i * DIGEST, (i + 1) * DIGEST);
    }

    /** The CIDs of the entries at these positions, rendered when read (a handshake may list 500k). */
    List<String> cids(int[] positions, int count) {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                if (index >= count) {
                    throw new IndexOutOfBoundsException(index);
                }
                return cid(positions[index]);
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    /** The approximate heap the snapshot holds, for the cache's bound. */
    long bytes() {
        return (long) size * (DIGEST + 24);
    }

    /** Collects the rows of a scan; grows like an ArrayList. */
    static final class Builder {
        private int size;
        private byte[] digests = new byte[1024 * DIGEST];
        private long[] h1 = new long[1024];
        private long[] h2 = new long[1024];
        private long[] revisions = new long[1024];
        private long maxRevision;

        void add(String cid, long hash1, long hash2, long revision) {
            if (size == h1.length) {
                int grown = size * 2;
                digests = Arrays.copyOf(digests, grown * DIGEST);
                h1 = Arrays.copyOf(h1, grown);
                h2 = Arrays.copyOf(h2, grown);
                revisions = Arrays.copyOf(revisions, grown);
            }
            byte[] digest = HEX.parseHex(cid, Cids.PREFIX.length(), cid.length());
            System.arraycopy(digest, 0, digests, size * DIGEST, DIGEST);
            h1[size] = hash1;
            h2[size] = hash2;
            revisions[size] = revision;
            maxRevision = Math.max(maxRevision, revision);
            size++;
        }

        ScopeSnapshot build(String databaseSnapshot, Instant builtAt) {
            return new ScopeSnapshot(this, databaseSnapshot, builtAt);
        }
    }
}
