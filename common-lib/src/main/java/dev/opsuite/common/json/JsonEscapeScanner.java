package dev.opsuite.common.json;

/**
 * Watches the characters of a JSON document as they stream past and fails on text PostgreSQL
 * cannot store: the escape {@code \u0000}, and a surrogate escape ({@code \uD800}–{@code \uDFFF})
 * that is not a high one followed at once by a low one. Raw unpaired surrogates are caught too
 * (UTF-8 bytes {@code ED A0..BF}, or lone surrogate chars from a Reader). JSON only allows a
 * backslash inside strings, so no tokenizer is needed: an escaped backslash is the only trap.
 */
final class JsonEscapeScanner {
    private enum State {
        TEXT,
        BACKSLASH,
        HEX,
        EXPECT_LOW_BACKSLASH,
        EXPECT_LOW_U
    }

    private State state = State.TEXT;
    private int hexDigits;
    private int value;
    private boolean lowRequired;
    private boolean afterRawLeadByteED;
    private boolean pendingRawHigh;

    /** One UTF-8 byte of the document. */
    void acceptByte(int b) throws UnstorableJsonTextException {
        if (afterRawLeadByteED && b >= 0xA0 && b <= 0xBF) {
            throw new UnstorableJsonTextException("JSON text contains an unpaired UTF-16 surrogate");
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
        switch (state) {
            case TEXT -> {
                if (c == '\\') {
                    state = State.BACKSLASH;
                } else if (Character.isSurrogate(c)) {
                    rawSurrogate(c);
                }
            }
            case BACKSLASH -> {
                if (c == 'u') {
                    state = State.HEX;
                    hexDigits = 0;
                    value = 0;
                } else {
                    state = State.TEXT;
                }
            }
            case HEX -> {
                int digit = Character.digit(c, 16);
                if (digit < 0) {
                    state = State.TEXT; // malformed escape: the parser reports it
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
                state = State.EXPECT_LOW_U;
            }
            case EXPECT_LOW_U -> {
                if (c != 'u') {
                    throw unpaired();
                }
                state = State.HEX;
                hexDigits = 0;
                value = 0;
            }
        }
    }

    private void escaped(char c) throws UnstorableJsonTextException {
        if (c == 0) {
            throw new UnstorableJsonTextException("JSON text contains U+0000 (NUL), which cannot be stored");
        }
        if (lowRequired) {
            lowRequired = false;
            if (!Character.isLowSurrogate(c)) {
                throw unpaired();
            }
            state = State.TEXT;
            return;
        }
        if (Character.isHighSurrogate(c)) {
            lowRequired = true;
            state = State.EXPECT_LOW_BACKSLASH;
            return;
        }
        if (Character.isLowSurrogate(c)) {
            throw unpaired();
        }
        state = State.TEXT;
    }

    private void rawSurrogate(char c) throws UnstorableJsonTextException {
        if (!Character.isHighSurrogate(c)) {
            throw unpaired();
        }
        pendingRawHigh = true;
    }

    private static UnstorableJsonTextException unpaired() {
        return new UnstorableJsonTextException("JSON text contains an unpaired UTF-16 surrogate");
    }
}
