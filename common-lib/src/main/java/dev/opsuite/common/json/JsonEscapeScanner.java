package dev.opsuite.common.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Watches the characters of a JSON document as they stream past and fails on text PostgreSQL
 * cannot store: the escape {@code \u0000}, and a surrogate escape ({@code \uD800}–{@code \uDFFF})
 * that is not a high one followed at once by a low one. Raw unpaired surrogates are caught too
 * (UTF-8 bytes {@code ED A0..BF}, or lone surrogate chars from a Reader). It follows just enough of
 * the structure (strings, objects, keys) to name the member the text belongs to; malformed JSON is
 * left for the parser to report.
 */
final class JsonEscapeScanner {
    private static final int MAX_KEY = 64;

    private enum Escape {
        NONE,
        BACKSLASH,
        HEX,
        EXPECT_LOW_BACKSLASH,
        EXPECT_LOW_U
    }

    private final Deque<Boolean> containers = new ArrayDeque<>(); // true = object
    private char lastStructural;
    private boolean inString;
    private boolean stringIsKey;
    private final StringBuilder key = new StringBuilder();
    private String lastKey;

    private Escape escape = Escape.NONE;
    private int hexDigits;
    private int value;
    private boolean lowRequired;
    private boolean afterRawLeadByteED;
    private boolean pendingRawHigh;

    /** One UTF-8 byte of the document. */
    void acceptByte(int b) throws UnstorableJsonTextException {
        if (afterRawLeadByteED && b >= 0xA0 && b <= 0xBF) {
            throw unpaired();
        }
        afterRawLeadByteED = b == 0xED;
        if (b < 0x80) {
            acceptChar((char) b);
        }
    }

    /** One UTF-16 char of the document (from a Reader). */
    void acceptChar(char c) throws UnstorableJsonTextException {
        if (pendingRawHigh) {
            if (!Character.isLowSurrogate(c)) {
                throw unpaired();
            }
            pendingRawHigh = false;
            return;
        }
        if (!inString) {
            structure(c);
            return;
        }
        switch (escape) {
            case NONE -> {
                if (c == '\\') {
                    escape = Escape.BACKSLASH;
                } else if (c == '"') {
                    endString();
                } else if (Character.isSurrogate(c)) {
                    rawSurrogate(c);
                } else {
                    keyChar(c);
                }
            }
            case BACKSLASH -> {
                if (c == 'u') {
                    startHex();
                } else {
                    escape = Escape.NONE;
                    keyChar(c);
                }
            }
            case HEX -> {
                int digit = Character.digit(c, 16);
                if (digit < 0) {
                    escape = Escape.NONE; // malformed escape: the parser reports it
                    return;
                }
                value = value << 4 | digit;
                if (++hexDigits == 4) {
                    escaped((char) value);
                }
            }
            case EXPECT_LOW_BACKSLASH -> {
                if (c != '\\') {
                    throw unpaired();
                }
                escape = Escape.EXPECT_LOW_U;
            }
            case EXPECT_LOW_U -> {
                if (c != 'u') {
                    throw unpaired();
                }
                startHex();
            }
        }
    }

    private void structure(char c) {
        switch (c) {
            case '{' -> {
                containers.push(Boolean.TRUE);
                lastStructural = c;
            }
            case '[' -> {
                containers.push(Boolean.FALSE);
                lastStructural = c;
            }
            case '}', ']' -> {
                containers.poll();
                lastStructural = c;
            }
            case ',', ':' -> lastStructural = c;
            case '"' -> {
                inString = true;
                stringIsKey =
                        Boolean.TRUE.equals(containers.peek()) && (lastStructural == '{' || lastStructural == ',');
                key.setLength(0);
            }
            case ' ', '\t', '\r', '\n' -> {}
            default -> lastStructural = 'v';
        }
    }

    private void endString() {
        inString = false;
        if (stringIsKey) {
            lastKey = key.toString();
        }
        lastStructural = '"';
    }

    private void keyChar(char c) {
        if (stringIsKey && key.length() < MAX_KEY) {
            key.append(c);
        }
    }

    private void startHex() {
        escape = Escape.HEX;
        hexDigits = 0;
        value = 0;
    }

    private void escaped(char c) throws UnstorableJsonTextException {
        if (c == 0) {
            throw new UnstorableJsonTextException(member(), "contains U+0000 (NUL), which cannot be stored");
        }
        if (lowRequired) {
            lowRequired = false;
            if (!Character.isLowSurrogate(c)) {
                throw unpaired();
            }
            escape = Escape.NONE;
            return;
        }
        if (Character.isHighSurrogate(c)) {
            lowRequired = true;
            escape = Escape.EXPECT_LOW_BACKSLASH;
            return;
        }
        if (Character.isLowSurrogate(c)) {
            throw unpaired();
        }
        escape = Escape.NONE;
        keyChar(c);
    }

    private void rawSurrogate(char c) throws UnstorableJsonTextException {
        if (!Character.isHighSurrogate(c)) {
            throw unpaired();
        }
        pendingRawHigh = true;
    }

    /** The member whose text is being read: null inside a key itself or outside any object. */
    private String member() {
        return inString && stringIsKey ? null : lastKey;
    }

    private UnstorableJsonTextException unpaired() {
        return new UnstorableJsonTextException(member(), "contains an unpaired UTF-16 surrogate");
    }
}
