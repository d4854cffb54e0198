package dev.opsuite.l10n.qa;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minecraft formatting codes: {@code §} + [0-9a-fk-or] (and the {@code &} spelling many mods and tools use). */
public final class FormatCodes {
    private static final Pattern SECTION = Pattern.compile("§([0-9a-fk-orA-FK-OR])");
    private static final Pattern AMPERSAND = Pattern.compile("&([0-9a-fk-orA-FK-OR])(?=[^\\s]|$)");

    private FormatCodes() {}

    /** Code -> how often it appears (order may change in a translation, the codes may not). */
    public static Map<String, Integer> section(String text) {
        return count(SECTION, "§", text);
    }

    public static Map<String, Integer> ampersand(String text) {
        return count(AMPERSAND, "&", text);
    }

    private static Map<String, Integer> count(Pattern p, String sign, String text) {
        Map<String, Integer> counts = new TreeMap<>();
        if (text == null || text.indexOf(sign.charAt(0)) < 0) {
            return counts;
        }
        Matcher m = p.matcher(text);
        while (m.find()) {
            counts.merge(sign + m.group(1).toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        return counts;
    }
}
