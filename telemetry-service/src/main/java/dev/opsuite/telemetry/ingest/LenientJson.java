package dev.opsuite.telemetry.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON the bash clients send. They build it with heredocs, so real payloads carry
 * unescaped quotes and control characters inside {@code error}, \\xNN escapes, invalid
 * backslashes and unit suffixes on numbers ({@code "disk_size": 32G}). Strict parse first; then a
 * repaired copy; then the known fields one by one. Empty result = nothing usable.
 */
public final class LenientJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*[A-Za-z]{1,3}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");

    private LenientJson() {}

    /** The parsed fields (values are String, Number, Boolean or null), or empty when nothing usable remains. */
    public static Optional<Map<String, Object>> parse(String body, Set<String> knownFields) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        if (StrictJson.isObject(body)) { // checked first: a failing Jackson parse is expensive
            Map<String, Object> strict = tryParse(body);
            if (strict != null) {
                return Optional.of(strict);
            }
        }
        Map<String, Object> repaired = tryParse(repair(body));
        if (repaired != null) {
            return Optional.of(repaired);
        }
        Map<String, Object> extracted = extract(body, knownFields);
        return extracted.isEmpty() ? Optional.empty() : Optional.of(extracted);
    }

    private static Map<String, Object> tryParse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (!(node instanceof ObjectNode object)) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            object.properties().forEach(e -> out.put(e.getKey(), scalar(e.getValue())));
            return out;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        return v.toString(); // nested objects/arrays: only ever used as text
    }

    /**
     * Rewrites the body into valid JSON where the damage is the kind the bash client causes. Inside
     * strings: control characters escaped, \\xNN to \\u-escapes (00NN), invalid backslashes
     * doubled, a quote that does not end the value escaped. Outside strings: {@code 32G} to
     * {@code 32}, empty values to null, bare words to strings.
     */
    static String repair(String in) {
        StringBuilder out = new StringBuilder(in.length() + 16);
        ArrayDeque<Character> containers = new ArrayDeque<>(); // outside strings only
        int i = 0;
        int n = in.length();
        while (i < n) {
            char c = in.charAt(i);
            if (c == '"') {
                i = copyString(in, i, out, false);
            } else if (c == ':' || c == '[' || (c == ',' && !containers.isEmpty() && containers.peek() == '[')) {
                if (c == '[') {
                    containers.push('[');
                }
                out.append(c);
                i = skipWhitespace(in, i + 1, out);
                if (i < n && in.charAt(i) == '"') {
                    i = copyString(in, i, out, true);
                } else if (i < n && in.charAt(i) != '{' && in.charAt(i) != '[' && in.charAt(i) != ']') {
                    i = copyBareValue(in, i, out);
                }
            } else {
                if (c == '{') {
                    containers.push('{');
                } else if ((c == '}' || c == ']') && !containers.isEmpty()) {
                    containers.pop();
                }
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int skipWhitespace(String in, int i, StringBuilder out) {
        while (i < in.length() && Character.isWhitespace(in.charAt(i))) {
            out.append(in.charAt(i));
            i++;
        }
        return i;
    }

    private static int copyBareValue(String in, int i, StringBuilder out) {
        int end = i;
        while (end < in.length() && ",}]\n\r".indexOf(in.charAt(end)) < 0) {
            end++;
        }
        String token = in.substring(i, end).trim();
        if (token.isEmpty()) {
            out.append("null");
        } else if (token.equals("true")
                || token.equals("false")
                || token.equals("null")
                || NUMBER.matcher(token).matches()) {
            out.append(token);
        } else {
            Matcher unit = NUMBER_WITH_UNIT.matcher(token);
            if (unit.matches()) {
                out.append(unit.group(1));
            } else {
                out.append('"').append(escape(token)).append('"');
            }
        }
        return end;
    }

    /** Copies a string literal starting at the opening quote, repairing it; returns the index after it. */
    private static int copyString(String in, int start, StringBuilder out, boolean value) {
        out.append('"');
        int i = start + 1;
        int n = in.length();
        while (i < n) {
            char c = in.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    out.append("\\\\");
                    i++;
                    continue;
                }
                char e = in.charAt(i + 1);
                if (e == 'x' && i + 3 < n && isHex(in.charAt(i + 2)) && isHex(in.charAt(i + 3))) {
                    out.append("\\u00").append(in, i + 2, i + 4);
                    i += 4;
                } else if (e == 'u'
                        && i + 5 < n
                        && isHex(in.charAt(i + 2))
                        && isHex(in.charAt(i + 3))
                        && isHex(in.charAt(i + 4))
                        && isHex(in.charAt(i + 5))) {
                    out.append(in, i, i + 6);
                    i += 6;
                } else if ("\"\\/bfnrt".indexOf(e) >= 0) {
                    out.append(c).append(e);
                    i += 2;
                } else {
                    out.append("\\\\");
                    i++;
                }
            } else if (c == '"') {
                if (value ? endsValue(in, i + 1) : true) {
                    out.append('"');
                    return i + 1;
                }
                out.append("\\\"");
                i++;
            } else if (c < 0x20) {
                out.append(controlEscape(c));
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        out.append('"'); // unterminated: close it
        return n;
    }

    /**
     * A quote ends a string value when what follows is JSON structure: '}' or ']', end of input, or
     * ',' followed by the next key ("...") or the end of the object. Anything else (including ':',
     * as in {@code bash: "foo": command not found}) means the quote belongs to the text.
     */
    private static boolean endsValue(String in, int i) {
        int k = i;
        while (k < in.length()
                && (in.charAt(k) == ' ' || in.charAt(k) == '\t' || in.charAt(k) == '\r' || in.charAt(k) == '\n')) {
            k++;
        }
        if (k >= in.length()) {
            return true;
        }
        char c = in.charAt(k);
        if (c == '}' || c == ']') {
            return true;
        }
        if (c != ',') {
            return false;
        }
        k++;
        while (k < in.length() && Character.isWhitespace(in.charAt(k))) {
            k++;
        }
        return k >= in.length()
                || in.charAt(k) == '"'
                || in.charAt(k) == '}'
                || in.charAt(k) == '{'
                || in.charAt(k) == '['
                || Character.isDigit(in.charAt(k));
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String controlEscape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> String.format("\\u%04x", (int) c);
        };
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(controlEscape(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Last resort: each known field on its own; a value that cannot be read is left out. */
    static Map<String, Object> extract(String body, Set<String> knownFields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : knownFields) {
            Matcher m = Pattern.compile(
                            "\"" + Pattern.quote(field) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\s\"]+)")
                    .matcher(body);
            if (!m.find()) {
                continue;
            }
            if (m.group(2) != null) {
                String raw = "\"" + m.group(2) + "\"";
                Map<String, Object> one = tryParse("{\"v\":" + raw + "}");
                if (one == null) {
                    one = tryParse(repair("{\"v\":" + raw + "}"));
                }
                if (one != null && one.get("v") != null) {
                    out.put(field, one.get("v"));
                }
            } else {
                String token = m.group(1);
                Map<String, Object> one = tryParse(repair("{\"v\":" + token + "}"));
                if (one != null && one.get("v") != null) {
                    out.put(field, one.get("v"));
                }
            }
        }
        return out;
    }
}
