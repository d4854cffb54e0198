package dev.opsuite.common.error;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Picks the dialect for a request path: longest matching prefix (whole segments, '*' = one segment). */
public final class DialectResolver {

    private record Rule(String[] segments, ErrorDialect dialect) {}

    private final ErrorDialect fallback;
    private final List<Rule> rules;

    public DialectResolver(ErrorDialect fallback, Map<String, ErrorDialect> prefixes) {
        this.fallback = fallback;
        List<Rule> list = new ArrayList<>();
        prefixes.forEach((prefix, dialect) -> list.add(new Rule(segments(prefix), dialect)));
        // longest first; among equal lengths literal segments beat wildcards
        list.sort(Comparator.<Rule>comparingInt(r -> r.segments.length)
                .reversed()
                .thenComparingLong(
                        r -> Arrays.stream(r.segments).filter("*"::equals).count()));
        this.rules = List.copyOf(list);
    }

    public ErrorDialect resolve(String path) {
        if (path == null) {
            return fallback;
        }
        String[] actual = segments(path);
        for (Rule rule : rules) {
            if (matches(rule.segments, actual)) {
                return rule.dialect;
            }
        }
        return fallback;
    }

    private static boolean matches(String[] prefix, String[] path) {
        if (prefix.length > path.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!prefix[i].equals("*") && !prefix[i].equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
