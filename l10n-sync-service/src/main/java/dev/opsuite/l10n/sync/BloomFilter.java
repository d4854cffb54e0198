package dev.opsuite.l10n.sync;

import dev.opsuite.l10n.cid.Cids;

/**
 * The client's "what I have" filter, with the construction pinned so any client builds the same bits:
 * for a CID string, h = the first 16 bytes of BLAKE3-256(UTF-8 bytes of the CID); h1 = bytes 0-7 and
 * h2 = bytes 8-15, each an unsigned little-endian 64-bit integer; index i (0 <= i < k) =
 * ((h1 + i*h2) mod 2^64) mod m. Bit j of the filter is (bits[j >> 3] >> (j & 7)) & 1.
 */
public final class BloomFilter {
    private final int k;
    private final long m;
    private final byte[] bits;

    public BloomFilter(int k, long m, byte[] bits) {
        if (bits.length != (int) ((m + 7) / 8)) {
            throw new IllegalArgumentException("filter of " + m + " bits needs " + ((m + 7) / 8) + " bytes");
        }
        this.k = k;
        this.m = m;
        this.bits = bits;
    }

    public static BloomFilter empty(int k, long m) {
        return new BloomFilter(k, m, new byte[(int) ((m + 7) / 8)]);
    }

    public int k() {
        return k;
    }

    public long m() {
        return m;
    }

    public byte[] bits() {
        return bits;
    }

    /** h1, h2 of a CID as the construction defines them. */
    public static long[] hashes(String cid) {
        return Cids.bloomHashes(cid);
    }

    public void add(String cid) {
        long[] h = hashes(cid);
        for (int i = 0; i < k; i++) {
            long j = index(h[0], h[1], i);
            bits[(int) (j >>> 3)] |= (byte) (1 << (j & 7));
        }
    }

    public boolean mightContain(String cid) {
        long[] h = hashes(cid);
        return mightContain(h[0], h[1]);
    }

    /** With the hashes stored beside the CID (translation_entries.bloom_h1/h2). */
    public boolean mightContain(long h1, long h2) {
        for (int i = 0; i < k; i++) {
            long j = index(h1, h2, i);
            if ((bits[(int) (j >>> 3)] >> (j & 7) & 1) == 0) {
                return false;
            }
        }
        return true;
    }

    /** (h1 + i*h2) mod 2^64 (Java's long arithmetic wraps), then unsigned mod m. */
    private long index(long h1, long h2, int i) {
        return Long.remainderUnsigned(h1 + i * h2, m);
    }

    /** Expected false-positive rate with n members: (1 - e^(-kn/m))^k. */
    public static double falsePositiveRate(int k, long m, long n) {
        if (n == 0) {
            return 0;
        }
        return Math.pow(1 - Math.exp(-(double) k * n / m), k);
    }

    /** The smallest m (bits) keeping the false-positive rate at or below {@code rate} with k hashes and n members. */
    public static long minM(int k, long n, double rate) {
        if (n == 0) {
            return 8;
        }
        double perHash = Math.pow(rate, 1.0 / k);
        long m = (long) Math.ceil(-k * (double) n / Math.log(1 - perHash));
        while (falsePositiveRate(k, m, n) > rate) {
            m++;
        }
        while (m > 8 && falsePositiveRate(k, m - 1, n) <= rate) {
            m--;
        }
        return m;
    }
}
