package dev.opsuite.l10n.cid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values CIDs cover: objects, strings, null,
 * booleans and integers. Members are sorted by their names' UTF-16 code units; strings are written
 * as ECMAScript's JSON.stringify writes them: only {@code "} and {@code \} and the C0 controls are
 * escaped (\b \t \n \f \r, else backslash-u00xx in lower-case hex); everything else, U+2028/U+2029 included,
 * is literal UTF-8. No whitespace.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    public static String write(Map<String, ?> object) {
        StringBuilder sb = new StringBuilder(256);
        writeValue(sb, object);
        return sb.toString();
    }

    private static void writeValue(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            writeString(sb, s);
        } else if (value instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> map) {
            List<String> names = new ArrayList<>();
            for (Object k : map.keySet()) {
                names.add((String) k);
            }
            names.sort(String::compareTo); // String.compareTo compares UTF-16 code units, as JCS asks
            sb.append('{');
            boolean first = true;
            for (String name : names) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeString(sb, name);
                sb.append(':');
                writeValue(sb, map.get(name));
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException(
                    "not canonicalisable here: " + value.getClass().getSimpleName());
        }
    }

    /** A string member's value, or null. */
    static void writeNullable(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
        } else {
            writeString(sb, s);
        }
    }

    static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00")
                                .append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 15, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
