package dev.opsuite.telemetry.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The error pattern of a failed execution ({@code executions.error_pattern}, the key of
 * {@code rollup_errors_daily}): the same failure on different machines counts as one pattern.
 */
public final class ErrorPatterns {
    private static final int MAX_CHARS = 160;
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern PATH = Pattern.compile("(/[\\w.@+-]+){2,}/?");
    private static final Pattern HEX_ID = Pattern.compile("\\b[0-9a-f]{8,}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ErrorPatterns() {}

    /**
     * The first non-empty line, lower-case, with numbers, hex ids, paths and quoted parts
     * generalised; null for an empty error.
     */
    public static String of(String error) {
        if (error == null || error.isBlank()) {
            return null;
        }
        String first = error.strip()
                .lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElse("")
                .strip();
        String p = first.toLowerCase(Locale.ROOT);
        p = QUOTED.matcher(p).replaceAll("'…'");
        p = PATH.matcher(p).replaceAll("<path>");
        p = HEX_ID.matcher(p).replaceAll("<id>");
        p = NUMBER.matcher(p).replaceAll("N");
        p = SPACES.matcher(p).replaceAll(" ").strip();
        return p.length() <= MAX_CHARS ? p : p.substring(0, MAX_CHARS);
    }
}
