package dev.opsuite.l10n.domain;

import dev.opsuite.common.error.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Minecraft locale codes as the game names its language files: lower case letters and digits with at
 * most one underscore ({@code zh_cn}, {@code en_us}, {@code enws}, {@code lol_us}). {@code zh-CN} is refused.
 */
public final class Locales {
    /** The whole-string pattern (also what the OpenAPI document declares for locale parameters). */
    public static final String PATTERN = "^[a-z0-9]{2,8}(?:_[a-z0-9]{2,8})?$";

    private static final Pattern LOCALE = Pattern.compile(PATTERN);

    private Locales() {}

    public static boolean isValid(String locale) {
        return locale != null && LOCALE.matcher(locale).matches();
    }

    /** @return the locale; a 400 validation_failed in the seed's shape otherwise */
    public static String require(String field, String locale) {
        if (!isValid(locale)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", field);
            details.put("expected", "lowercase_underscore");
            details.put("received", locale);
            throw ApiException.validation("Invalid locale format", details);
        }
        return locale;
    }

    /** Null stays null (an optional filter). */
    public static String optional(String field, String locale) {
        return locale == null ? null : require(field, locale);
    }

    /** Chinese, Japanese and Korean targets: translations are much shorter than the English source. */
    public static boolean isCjk(String locale) {
        return locale != null && (locale.startsWith("zh") || locale.startsWith("ja") || locale.startsWith("ko"));
    }

    /** The language part ({@code en} of {@code en_gb}). */
    public static String language(String locale) {
        int i = locale.indexOf('_');
        return i < 0 ? locale : locale.substring(0, i);
    }
}
