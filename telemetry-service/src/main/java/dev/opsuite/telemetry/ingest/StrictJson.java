package dev.opsuite.telemetry.ingest;

/**
 * Says, without allocating or throwing, whether a text is one strict JSON object (RFC 8259; trailing
 * whitespace only). The lenient reader asks it before handing a body to Jackson: most bash-client
 * bodies are broken ({@code "disk_size": 8G}), and a failed Jackson parse costs an exception with a
 * deep stack on the event loop for every one of them.
 */
final class StrictJson {
    private final String s;
    private int i;

    private StrictJson(String s) {
        this.s = s;
    }

    static boolean isObject(String text) {
        StrictJson p = new StrictJson(text);
        p.ws();
        if (!p.peek('{') || !p.value(0)) {
            return false;
        }
        p.ws();
        return p.i == text.length();
    }

    private static final int MAX_DEPTH = 64;

    private boolean value(int depth) {
        if (depth > MAX_DEPTH || i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> container(depth, '}', true);
            case '[' -> container(depth, ']', false);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    /** An object (members "key": value) or an array (elements), after its opening bracket. */
    private boolean container(int depth, char close, boolean keyed) {
        i++; // the opening bracket
        ws();
        if (peek(close)) {
            i++;
            return true;
        }
        while (true) {
            ws();
            if (keyed) {
                if (!peek('"') || !string()) {
                    return false;
                }
                ws();
                if (!peek(':')) {
                    return false;
                }
                i++;
                ws();
            }
            if (!value(depth + 1)) {
                return false;
            }
            ws();
            if (peek(',')) {
                i++;
            } else if (peek(close)) {
                i++;
                return true;
            } else {
                return false;
            }
        }
    }

    private boolean string() {
        i++; // opening quote
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                if (i >= s.length()) {
                    return false;
                }
                char e = s.charAt(i++);
                if (e == 'u') {
                    for (int k = 0; k < 4; k++) {
                        if (i >= s.length() || Character.digit(s.charAt(i++), 16) < 0) {
                            return false;
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    return false;
                }
            }
        }
        return false; // unterminated
    }

    private boolean literal(String word) {
        if (!s.startsWith(word, i)) {
            return false;
        }
        i += word.length();
        return true;
    }

    /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean number() {
        if (peek('-')) {
            i++;
        }
        if (peek('0')) {
            i++;
        } else if (!digits()) {
            return false;
        }
        if (peek('.')) {
            i++;
            if (!digits()) {
                return false;
            }
        }
        if (peek('e') || peek('E')) {
            i++;
            if (peek('+') || peek('-')) {
                i++;
            }
            return digits();
        }
        return true;
    }

    private boolean digits() {
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i > start;
    }

    private void ws() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }
}
