package dev.opsuite.l10n.qa;

import java.util.Locale;

/** Outcome of one check, as stored in qa_flags. */
public enum Verdict {
    PASS,
    WARN,
    FAIL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
