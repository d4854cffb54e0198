package dev.opsuite.common.text;

import java.util.Optional;

/**
 * The one rule for "can this text be stored and echoed safely": PostgreSQL rejects U+0000 in text
 * columns (a 500, or worse, a consumer retrying a batch forever) and an unpaired UTF-16 surrogate has
 * no UTF-8 form (the driver silently stores '?'). Every API refuses such text at its edge, in its own
 * dialect, instead of letting it reach the database.
 */
public final class StorableText {

    private StorableText() {}

    /** Why the text cannot be stored, or empty when it can. */
    public static Optional<String> problem(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of("contains U+0000 (NUL)");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("contains an unpaired UTF-16 surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("contains an unpaired UTF-16 surrogate");
            }
        }
        return Optional.empty();
    }

    public static boolean isStorable(CharSequence text) {
        return problem(text).isEmpty();
    }

    /** True for C0 control characters and DEL, which have no business in a URL path or an identifier. */
    public static boolean hasControlCharacter(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
