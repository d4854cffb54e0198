package dev.opsuite.l10n.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minecraft's own placeholder rule (TranslatableContents): {@code %(?:(\d+)\$)?([A-Za-z%]|$)}.
 * {@code %%} is a literal percent; {@code %s} takes the next argument; {@code %2$s} takes argument 2.
 * What must survive translation is the set of argument indices referenced, not their order.
 */
public final class Placeholders {
    private static final Pattern FORMAT = Pattern.compile("%(?:(\\d+)\\$)?([A-Za-z%]|$)");

    private Placeholders() {}

    /** @param indices 1-based argument indices referenced; unsupported: specifiers the game cannot render */
    public record Analysis(SortedSet<Integer> indices, List<String> unsupported) {}

    public static Analysis analyse(String text) {
        SortedSet<Integer> indices = new TreeSet<>();
        List<String> unsupported = new ArrayList<>();
        if (text == null || text.indexOf('%') < 0) {
            return new Analysis(indices, unsupported);
        }
        Matcher m = FORMAT.matcher(text);
        int next = 0;
        while (m.find()) {
            String conversion = m.group(2);
            if ("%".equals(conversion) && m.group(1) == null) {
                continue; // %% renders a percent sign
            }
            if (!"s".equals(conversion)) {
                // the game only formats %s; anything else makes it show the raw key text
                unsupported.add(m.group());
                continue;
            }
            if (m.group(1) != null) {
                indices.add(Integer.parseInt(m.group(1)));
            } else {
                indices.add(++next);
            }
        }
        return new Analysis(indices, unsupported);
    }
}
