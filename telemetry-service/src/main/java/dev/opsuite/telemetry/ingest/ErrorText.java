package dev.opsuite.telemetry.ingest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What ingest does with the error text of a report: mask IPv4 addresses and classify by keywords (the
 * stored error pattern is {@code domain.ErrorPatterns}).
 */
public final class ErrorText {
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\."
                    + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.]*\\d)");
    private static final Pattern USER_ABORT = Pattern.compile(
            "sigint|sighup|ctrl\\s*\\+?\\s*c|aborted by user|user abort|cancelled by user|canceled by user",
            Pattern.CASE_INSENSITIVE);

    private record Rule(String category, Pattern pattern) {}

    // First match wins; order matters (more specific before broader).
    private static final List<Rule> RULES = List.of(
            rule("timeout", "timed? ?out|timeout"),
            rule("command_not_found", "command not found|not found in \\$path|no such command"),
            rule(
                    "apt",
                    "\\bapt(-get)?\\b|\\bdpkg\\b|unable to locate package|e: package|held broken packages|unmet dependencies"),
            rule(
                    "network",
                    "could not resolve|name resolution|connection refused|network is unreachable|no route to host"
                            + "|failed to connect|temporary failure resolving|ssl|certificate|curl: \\(\\d+\\)"),
            rule("storage", "no space left|disk full|read-only file system|storage .* (not|does not)|quota exceeded"),
            rule("permission", "permission denied|operation not permitted|access denied|not allowed"),
            rule("resource", "out of memory|oom|cannot allocate memory|killed"),
            rule("database", "postgres|psql|mysql|mariadb|mongodb|database"),
            rule("proxmox", "\\bpct\\b|\\bqm\\b|pveam|pvesm|proxmox|container \\d+|ctid"),
            rule("service", "systemctl|failed to start|\\.service|unit .* not found"),
            rule("build", "npm err|npm error|yarn|pnpm|cargo|compil|\\bmake\\b|gcc|build failed"),
            rule("dependency", "pip |pip3|no module named|dependency|requires|version .* required"),
            rule("config", "invalid (config|option|argument|value)|syntax error|configuration"));

    private ErrorText() {}

    private static Rule rule(String category, String regex) {
        return new Rule(category, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    /** 192.168.1.20 -> 192.x.x.x: client addresses never reach storage. */
    public static String maskIpv4(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return IPV4.matcher(text).replaceAll("$1.x.x.x");
    }

    public static boolean mentionsUserAbort(String text) {
        return text != null && USER_ABORT.matcher(text).find();
    }

    /** The error category the keywords of an error text suggest, or null. */
    public static String categoryOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (Rule rule : RULES) {
            if (rule.pattern.matcher(text).find()) {
                return rule.category;
            }
        }
        return null;
    }
}
