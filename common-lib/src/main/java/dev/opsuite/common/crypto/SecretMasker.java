package dev.opsuite.common.crypto;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces known secret values, and the forms a program most often prints them in — base64
 * (standard and URL-safe, with and without padding), hex (lower and upper case) and
 * URL-encoding — with {@code ***} in log lines and command output. Values shorter than the minimum length
 * are not masked: masking "1" or "true" everywhere would destroy logs and hint at the secret anyway.
 */
public final class SecretMasker {
    public static final String MASK = "***";
    public static final int DEFAULT_MIN_LENGTH = 4;

    private final List<String> needles;

    public SecretMasker(Collection<String> secrets) {
        this(secrets, DEFAULT_MIN_LENGTH);
    }

    public SecretMasker(Collection<String> secrets, int minLength) {
        Set<String> all = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.length() < minLength) {
                continue;
            }
            all.add(secret);
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            String std = Base64.getEncoder().encodeToString(bytes);
            String url = Base64.getUrlEncoder().encodeToString(bytes);
            all.add(std);
            all.add(url);
            all.add(stripPadding(std));
            all.add(stripPadding(url));
            String hex = HexFormat.of().formatHex(bytes);
            all.add(hex);
            all.add(hex.toUpperCase(Locale.ROOT));
            all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: "abc==" before "abc"
        this.needles = List.copyOf(sorted);
    }

    public static String mask(String text, Collection<String> secrets) {
        return new SecretMasker(secrets).apply(text);
    }

    public String apply(String text) {
        if (text == null || needles.isEmpty()) {
            return text;
        }
        String out = text;
        for (String needle : needles) {
            out = out.replace(needle, MASK);
        }
        return out;
    }

    /** Every text this masker replaces, longest first (for a masking process outside the JVM). */
    public List<String> needles() {
        return needles;
    }

    public boolean isEmpty() {
        return needles.isEmpty();
    }

    private static String stripPadding(String b64) {
        int end = b64.length();
        while (end > 0 && b64.charAt(end - 1) == '=') {
            end--;
        }
        return b64.substring(0, end);
    }
}
