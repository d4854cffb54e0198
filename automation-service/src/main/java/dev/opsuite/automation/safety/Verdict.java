package dev.opsuite.automation.safety;

/**
 * What the interception decided about shell text: allowed, suspicious (obfuscation that hides what
 * would run; refused unless an admin allows it) or blocked (a rule matched a segment).
 *
 * @param rule    the rule's id (e.g. {@code rm-root}), null when allowed
 * @param segment the offending command segment as it would run, null when allowed
 * @param reason  a short explanation for the error message
 */
public record Verdict(Kind kind, String rule, String segment, String reason) {
    public enum Kind {
        ALLOWED,
        SUSPICIOUS,
        BLOCKED
    }

    public static final Verdict ALLOWED = new Verdict(Kind.ALLOWED, null, null, null);

    static Verdict blocked(String rule, String segment, String reason) {
        return new Verdict(Kind.BLOCKED, rule, segment, reason);
    }

    static Verdict suspicious(String rule, String segment, String reason) {
        return new Verdict(Kind.SUSPICIOUS, rule, segment, reason);
    }

    public boolean blocked() {
        return kind == Kind.BLOCKED;
    }

    public boolean suspicious() {
        return kind == Kind.SUSPICIOUS;
    }

    /** The seed's error text: {@code 危险命令已拦截: rm -rf /}. */
    public String message() {
        return switch (kind) {
            case ALLOWED -> "";
            case BLOCKED -> "危险命令已拦截: " + segment + " (" + reason + ")";
            case SUSPICIOUS ->
                "危险命令已拦截: " + segment + " (" + reason
                        + "; obfuscated commands need an admin with allow_suspicious: true)";
        };
    }
}
