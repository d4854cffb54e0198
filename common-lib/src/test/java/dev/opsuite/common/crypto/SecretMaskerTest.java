package dev.opsuite.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    private static final String SECRET = "s3cr3t/p@ss+word";
    private final SecretMasker masker = new SecretMasker(List.of(SECRET, "ab"));

    @Test
    void masksTheFormsProgramsPrintSecretsIn() {
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(bytes);
        for (String form : List.of(
                SECRET,
                Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                hex,
                hex.toUpperCase(Locale.ROOT),
                URLEncoder.encode(SECRET, StandardCharsets.UTF_8))) {
            assertEquals("token=*** end", masker.apply("token=" + form + " end"), form);
        }
    }

    @Test
    void leavesShortValuesAndOtherTextAlone() {
        assertEquals("abc ab 616263", masker.apply("abc ab 616263"));
    }
}
