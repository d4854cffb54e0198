package dev.opsuite.automation.ansible;

import dev.opsuite.common.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code extra_args} of a run, allow-listed: {@code --check/-C}, {@code --diff/-D}, {@code -v…-vvvv},
 * {@code --tags/-t}, {@code --skip-tags}, {@code --limit/-l}, {@code --forks/-f}; values checked. Split
 * on whitespace only: no quoting, so nothing can smuggle another option in.
 */
public final class ExtraArgs {
    private static final Set<String> FLAGS = Set.of("--check", "-C", "--diff", "-D", "-v", "-vv", "-vvv", "-vvvv");
    private static final Pattern TAGS = Pattern.compile("[A-Za-z0-9_.,-]{1,500}");
    private static final Pattern LIMIT = Pattern.compile("[A-Za-z0-9_.,*:!&\\[\\]-]{1,500}");

    private ExtraArgs() {}

    public static List<String> parse(String extraArgs) {
        List<String> out = new ArrayList<>();
        if (extraArgs == null || extraArgs.isBlank()) {
            return out;
        }
        String[] words = extraArgs.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (FLAGS.contains(w)) {
                out.add(w);
                continue;
            }
            String option = w;
            String value = null;
            int eq = w.indexOf('=');
            if (w.startsWith("--") && eq > 0) {
                option = w.substring(0, eq);
                value = w.substring(eq + 1);
            }
            String canonical = switch (option) {
                case "--tags", "-t" -> "--tags";
                case "--skip-tags" -> "--skip-tags";
                case "--limit", "-l" -> "--limit";
                case "--forks", "-f" -> "--forks";
                default ->
                    throw ApiException.unprocessable(
                            "invalid_extra_args",
                            "extra_args may only use --check, --diff, "
                                    + "-v…-vvvv, --tags, --skip-tags, --limit and --forks; '" + clip(w)
                                    + "' is not allowed");
            };
            if (value == null) {
                if (i + 1 >= words.length) {
                    throw ApiException.unprocessable("invalid_extra_args", option + " needs a value");
                }
                value = words[++i];
            }
            boolean ok = switch (canonical) {
                case "--forks" -> value.matches("[1-9][0-9]?|100");
                case "--limit" -> LIMIT.matcher(value).matches();
                default -> TAGS.matcher(value).matches();
            };
            if (!ok) {
                throw ApiException.unprocessable(
                        "invalid_extra_args", "invalid value for " + canonical + ": '" + clip(value) + "'");
            }
            out.add(canonical + "=" + value);
        }
        return out;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
