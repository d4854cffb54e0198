package dev.opsuite.l10n.qa;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource locations ({@code minecraft:stone}, {@code create:brass_ingot}) inside texts: commands and
 * tooltips name them literally, so a translation must keep them. Times like 10:30 and URLs are not ids.
 */
public final class NamespacedIds {
    private static final Pattern ID = Pattern.compile(
            "(?<![\\w:/.-])([a-z0-9_.-]*[a-z_][a-z0-9_.-]*):([a-z0-9_.-]*[a-z_][a-z0-9_./-]*)(?![\\w:])");

    private NamespacedIds() {}

    public static Set<String> find(String text) {
        Set<String> ids = new LinkedHashSet<>();
        if (text == null || text.indexOf(':') < 0) {
            return ids;
        }
        Matcher m = ID.matcher(text);
        while (m.find()) {
            if (m.group(2).startsWith("/")) {
                continue; // scheme://host
            }
            ids.add(m.group());
        }
        return ids;
    }
}
