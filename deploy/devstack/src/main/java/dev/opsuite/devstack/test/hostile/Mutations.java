package dev.opsuite.devstack.test.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hostile variants of one operation: a harmless baseline request (aimed at resources that do
 * not exist, so probing deletes or changes nothing real) with one thing wrong at a time — wrong types,
 * NUL and control characters, lone surrogates, bad percent escapes and bad UTF-8, huge and negative
 * numbers, duplicate keys, deep nesting, oversized and mistyped bodies, and methods HTTP lacks.
 */
final class Mutations {
    /** Query and path values that no API may choke on. */
    private static final List<String> TEXT_ATTACKS = List.of(
            "%00",
            "a%00b", "%0A%0D", "%1B%5B31m", "%ED%A0%80", "%C3%28", "%FF", "%", "%ZZ", "%F0%9F%92%A9", "x".repeat(3000));

    private static final List<String> NUMBER_ATTACKS =
            List.of("abc", "1.5", "-1", "0", "99999999999999999999999", "1e309", "NaN", "0x10", "%00");

    private static final List<String> JSON_VALUE_ATTACKS = List.of(
            "true",
            "false",
            "1.5",
            "-1",
            "0",
            "123456789012345678901234567890",
            "1e400",
            "[]",
            "{}",
            "null",
            "\"\\u0000\"",
            "\"a\\u0000b\"",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"\\ud800\\u0041\"",
            "\"" + "y".repeat(70_000) + "\"",
            "\"\\u001b[2J\"",
            "\"NaN\"",
            "\"1\"");

    private final ApiOperation op;
    private final String contentType;
    private final Map<String, String> pathValues;

    Mutations(ApiOperation op, Map<String, String> pathValues) {
        this.op = op;
        this.pathValues = pathValues;
        this.contentType =
                op.consumes().isEmpty() ? "application/json" : op.consumes().get(0);
    }

    List<HostileRequest> all() {
        List<HostileRequest> out = new ArrayList<>();
        for (ApiOperation.Parameter p : op.parameters()) {
            switch (p.in()) {
                case "path" -> pathParameter(p, out);
                case "query" -> queryParameter(p, out);
                case "header" -> headerParameter(p, out);
                default -> {}
            }
        }
        out.add(request("an undeclared query parameter holding NUL", path(Map.of()) + "?zz=%00", baselineBody()));
        out.add(request("an undeclared query parameter with bad UTF-8", path(Map.of()) + "?zz=%C3%28", baselineBody()));
        if (op.body() != null) {
            jsonBody(out);
        } else if (!op.consumes().isEmpty()) {
            rawBody(out);
        }
        for (String method : List.of("FOO", "PROPFIND", "get", "M" + "X".repeat(40))) {
            out.add(new HostileRequest("method " + method, method, path(Map.of()), Map.of(), null));
        }
        return out;
    }

    private void pathParameter(ApiOperation.Parameter p, List<HostileRequest> out) {
        List<String> values = new ArrayList<>(TEXT_ATTACKS);
        if (p.schema().isNumeric()) {
            values.addAll(NUMBER_ATTACKS);
        }
        for (String value : values) {
            out.add(request(
                    "path parameter " + p.name() + " = " + shorten(value),
                    path(Map.of(p.name(), value)),
                    baselineBody()));
        }
    }

    private void queryParameter(ApiOperation.Parameter p, List<HostileRequest> out) {
        List<String> values = new ArrayList<>(TEXT_ATTACKS);
        values.add("");
        if (p.schema().isNumeric()) {
            values.addAll(NUMBER_ATTACKS);
        }
        if ("boolean".equals(p.schema().type())) {
            values.addAll(List.of("maybe", "1", "yes"));
        }
        for (String value : values) {
            out.add(request(
                    "query parameter " + p.name() + " = " + shorten(value),
                    path(Map.of()) + "?" + p.name() + "=" + value,
                    baselineBody()));
        }
        out.add(request(
                "query parameter " + p.name() + " twice",
                path(Map.of()) + "?" + p.name() + "=1&" + p.name() + "=%00",
                baselineBody()));
    }

    private void headerParameter(ApiOperation.Parameter p, List<HostileRequest> out) {
        if (isRestrictedHeader(p.name())) {
            return;
        }
        for (String value : List.of("abc", "-1", "99999999999999999999999", "x".repeat(5000), "\u00e9\u00e8")) {
            HostileRequest base =
                    request("header " + p.name() + " = " + shorten(value), path(Map.of()), baselineBody());
            Map<String, String> headers = new LinkedHashMap<>(base.headers());
            headers.put(p.name(), value);
            out.add(new HostileRequest(base.what(), base.method(), base.target(), headers, base.body()));
        }
    }

    private void jsonBody(List<HostileRequest> out) {
        Schema body = op.body();
        Map<String, String> valid = baselineFields(body);
        for (String field : body.properties().keySet()) {
            for (String attack : JSON_VALUE_ATTACKS) {
                Map<String, String> fields = new LinkedHashMap<>(valid);
                fields.put(field, attack);
                out.add(json("body field " + field + " = " + shorten(attack), object(fields)));
            }
        }
        if (!valid.isEmpty()) {
            String first = valid.keySet().iterator().next();
            out.add(json(
                    "duplicate key " + first,
                    object(valid).replaceFirst("^\\{", "{\"" + first + "\":" + valid.get(first) + ",")));
        }
        out.add(json("unknown field holding NUL", object(with(valid, "zz_unknown", "\"\\u0000\""))));
        for (String whole : List.of(
                "",
                "null",
                "[]",
                "\"text\"",
                "42",
                "{",
                "{\"a\":}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000))) {
            out.add(json("body " + shorten(whole), whole));
        }
        byte[] badUtf8 = concat(
                ("{\"" + firstKey(valid) + "\":\"").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x28},
                "\"}".getBytes(StandardCharsets.UTF_8));
        out.add(withBody("body with bad UTF-8 bytes", "application/json", badUtf8));
        byte[] cesuSurrogate = concat(
                ("{\"" + firstKey(valid) + "\":\"").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                "\"}".getBytes(StandardCharsets.UTF_8));
        out.add(withBody("body with an encoded lone surrogate", "application/json", cesuSurrogate));
        out.add(withBody(
                "body of 2 MiB",
                "application/json",
                ("{\"" + firstKey(valid) + "\":\"" + "z".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8)));
        out.add(withBody("JSON sent as text/plain", "text/plain", object(valid).getBytes(StandardCharsets.UTF_8)));
        out.add(withBody(
                "JSON in latin-1",
                "application/json; charset=ISO-8859-1",
                "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)));
        HostileRequest gzip = withBody(
                "garbage claiming gzip", "application/json", "not gzip at all".getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>(gzip.headers());
        headers.put("Content-Encoding", "gzip");
        out.add(new HostileRequest(gzip.what(), gzip.method(), gzip.target(), headers, gzip.body()));
    }

    private void rawBody(List<HostileRequest> out) {
        out.add(withBody("body holding NUL bytes", contentType, new byte[] {'a', 0, 'b', '\n'}));
        out.add(withBody("body with bad UTF-8", contentType, new byte[] {(byte) 0xC3, 0x28, '\n'}));
        out.add(withBody(
                "body with \\u0000 escapes", contentType, "{\"a\":\"\\u0000\"}\n".getBytes(StandardCharsets.UTF_8)));
        out.add(withBody("empty body", contentType, new byte[0]));
        out.add(withBody("body of 2 MiB", contentType, "z".repeat(2 << 20).getBytes(StandardCharsets.UTF_8)));
    }

    private HostileRequest request(String what, String target, String body) {
        if (body == null) {
            return new HostileRequest(what, op.method(), target, Map.of(), null);
        }
        return new HostileRequest(
                what,
                op.method(),
                target,
                Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private HostileRequest json(String what, String body) {
        return withBody(what, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private HostileRequest withBody(String what, String type, byte[] body) {
        return new HostileRequest(what, op.method(), path(Map.of()), Map.of("Content-Type", type), body);
    }

    /** The path with every parameter at a harmless value, except the overridden ones (raw, as given). */
    private String path(Map<String, String> overrides) {
        String path = op.path();
        for (ApiOperation.Parameter p : op.parameters()) {
            if ("path".equals(p.in())) {
                String value = overrides.getOrDefault(
                        p.name(),
                        pathValues.getOrDefault(p.name(), p.schema().isNumeric() ? "987654321" : "hostile-probe"));
                path = path.replace("{" + p.name() + "}", value);
            }
        }
        return path.replaceAll("\\{[^}]+}", "hostile-probe");
    }

    private String baselineBody() {
        return op.body() == null ? null : object(baselineFields(op.body()));
    }

    private static Map<String, String> baselineFields(Schema schema) {
        Map<String, String> fields = new LinkedHashMap<>();
        schema.properties().forEach((name, s) -> fields.put(name, sample(s, 0)));
        return fields;
    }

    private static String sample(Schema s, int depth) {
        if (!s.enumValues().isEmpty()) {
            return "\"" + s.enumValues().get(0) + "\"";
        }
        if (s.type() == null) {
            return s.isObject() && depth < 3 ? object(nested(s, depth)) : "\"probe\"";
        }
        return switch (s.type()) {
            case "integer" -> "1";
            case "number" -> "1.5";
            case "boolean" -> "false";
            case "array" -> "[]";
            case "object" -> depth < 3 ? object(nested(s, depth)) : "{}";
            default -> "\"probe\"";
        };
    }

    private static Map<String, String> nested(Schema s, int depth) {
        Map<String, String> fields = new LinkedHashMap<>();
        s.properties().forEach((name, p) -> fields.put(name, sample(p, depth + 1)));
        return fields;
    }

    private static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
        return sb.append('}').toString();
    }

    private static Map<String, String> with(Map<String, String> fields, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(fields);
        out.put(key, value);
        return out;
    }

    private static String firstKey(Map<String, String> fields) {
        return fields.isEmpty() ? "a" : fields.keySet().iterator().next();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static boolean isRestrictedHeader(String name) {
        return List.of("host", "connection", "content-length", "expect", "upgrade")
                .contains(name.toLowerCase());
    }

    static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "…(" + value.length() + " chars)" : value;
    }
}
