package dev.opsuite.l10n.cid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.l10n.domain.EntryContent;
import dev.opsuite.l10n.sync.BloomFilter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vectors published in the README. The expected values were computed by the independent
 * pure-Python implementation in src/test/python (its own BLAKE3, JCS and Bloom code), not by this one.
 */
class CidAndBloomVectorsTest {
    static final String FILE = "file_0123456789abcdef01234567";
    static final EntryContent V1 = new EntryContent(FILE, "block.minecraft.stone", "Stone", "石头", "reviewed");
    static final EntryContent V2 =
            new EntryContent(FILE, "advancement.advancementNotFound", "Unknown advancement: %s", null, "new");
    static final EntryContent V3 =
            new EntryContent(FILE, "gui.test", "Line\u2028two\ttab \"q\" \\ \u0001 §a100%%", "", "mt");

    @Test
    void canonicalJsonSortsMembersAndEscapesOnlyWhatJcsEscapes() {
        assertEquals(
                "{\"dst_text\":\"石头\",\"key\":\"block.minecraft.stone\",\"language_file_uid\":\"" + FILE
                        + "\",\"src_text\":\"Stone\",\"status\":\"reviewed\"}",
                Cids.canonical(V1));
        assertEquals(
                "{\"dst_text\":null,\"key\":\"advancement.advancementNotFound\",\"language_file_uid\":\"" + FILE
                        + "\",\"src_text\":\"Unknown advancement: %s\",\"status\":\"new\"}",
                Cids.canonical(V2));
        assertEquals(
                "{\"dst_text\":\"\",\"key\":\"gui.test\",\"language_file_uid\":\"" + FILE
                        + "\",\"src_text\":\"Line\u2028two\\ttab \\\"q\\\" \\\\ \\u0001 §a100%%\",\"status\":\"mt\"}",
                Cids.canonical(V3));
    }

    @Test
    void entryCidsMatchThePublishedVectors() {
        assertEquals("b3:e8b5fb98b4cbe6d68089cb8e30cc876233407bb69081e5e7d415fb2ce704a74a", Cids.ofEntry(V1));
        assertEquals("b3:f96e0763f81de97de98e05e0d7238a32f2958ec8bae9b8359d93056cd848b397", Cids.ofEntry(V2));
        assertEquals("b3:82b6367a113bb7ed663a6b3bc34d18dadff02333087aa42a49cbfbb71eef3c8f", Cids.ofEntry(V3));
        assertEquals(
                "b3:f13ad0b02ebc7425d3c8c50df60c470355f1aa2ad2d9777e8f7007d1cc4b0b74",
                Cids.ofBytes("{\"key\":\"a\"}\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theCidCoversContentNotIdentity() {
        EntryContent edited = new EntryContent(FILE, "block.minecraft.stone", "Stone", "岩石", "reviewed");
        assertNotEquals(Cids.ofEntry(V1), Cids.ofEntry(edited));
        assertNotEquals(Cids.ofEntry(V1), Cids.ofEntry(new EntryContent(FILE, V1.key(), "Stone", "石头", "locked")));
        assertEquals(Cids.ofEntry(V1), Cids.ofEntry(new EntryContent(FILE, V1.key(), "Stone", "石头", "reviewed")));
    }

    @Test
    void bloomHashesAndBitLayoutMatchThePublishedVector() {
        String c1 = Cids.ofEntry(V1);
        long[] h = BloomFilter.hashes(c1);
        assertEquals(Long.parseUnsignedLong("12607231163545728398"), h[0]);
        assertEquals(Long.parseUnsignedLong("11080854569762412691"), h[1]);
        BloomFilter bloom = BloomFilter.empty(3, 64);
        bloom.add(c1);
        bloom.add(Cids.ofEntry(V2));
        assertEquals("AECAAEIAMAA=", Base64.getEncoder().encodeToString(bloom.bits()));
        // indexes 14, 33, 52 of the first CID: byte 1 bit 6, byte 4 bit 1, byte 6 bit 4
        assertTrue(
                (bloom.bits()[1] >> 6 & 1) == 1 && (bloom.bits()[4] >> 1 & 1) == 1 && (bloom.bits()[6] >> 4 & 1) == 1);
        assertTrue(bloom.mightContain(c1));
        assertFalse(new BloomFilter(3, 64, Base64.getDecoder().decode("AAAAAAAAAAA=")).mightContain(c1));
        assertArrayEquals(
                bloom.bits(), new BloomFilter(3, 64, Base64.getDecoder().decode("AECAAEIAMAA=")).bits());
    }

    @Test
    void minMIsTheSmallestFilterKeepingOnePercent() {
        long m = BloomFilter.minM(7, 1_000_000, 0.01);
        assertTrue(BloomFilter.falsePositiveRate(7, m, 1_000_000) <= 0.01);
        assertTrue(BloomFilter.falsePositiveRate(7, m - 1, 1_000_000) > 0.01);
        assertEquals(9_592_955, m); // -k*n / ln(1 - 0.01^(1/k)), rounded up: ~9.6 bits per entry
    }

    /**
     * Cids.canonical writes the five members by hand; it must give exactly the bytes of the general JCS
     * writer (members sorted by UTF-16 code units) for any text: every C0 control, quotes, backslashes,
     * U+2028/U+2029, surrogate pairs, lone surrogates, non-BMP text and nulls.
     */
    @Test
    void theHandWrittenEntryFormIsExactlyTheGeneralCanonicalForm() {
        Random random = new Random(8785);
        char[] alphabet = {
            0, 1, 7, '\b', '\t', '\n', 0x0b, '\f', '\r', 0x1f, ' ', '"', '\\', '/', '%', '$', 'a', 'Z', '\u00a7', 0x7f,
            0x80, '\u2028', '\u2029', '\u77f3', '\ud83d', '\ude00', '\ufeff', '\uffff'
        };
        for (int i = 0; i < 5_000; i++) {
            EntryContent c = new EntryContent(
                    randomText(random, alphabet),
                    randomText(random, alphabet),
                    randomText(random, alphabet),
                    randomText(random, alphabet),
                    randomText(random, alphabet));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", c.status());
            m.put("src_text", c.srcText());
            m.put("language_file_uid", c.languageFileUid());
            m.put("key", c.key());
            m.put("dst_text", c.dstText());
            assertEquals(CanonicalJson.write(m), Cids.canonical(c), "entry " + i);
        }
    }

    private static String randomText(Random random, char[] alphabet) {
        if (random.nextInt(8) == 0) {
            return null;
        }
        char[] text = new char[random.nextInt(12)];
        for (int i = 0; i < text.length; i++) {
            text[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(text);
    }
}
