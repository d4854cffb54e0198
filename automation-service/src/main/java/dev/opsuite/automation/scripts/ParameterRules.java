package dev.opsuite.automation.scripts;

import dev.opsuite.automation.domain.ScriptParameter;
import dev.opsuite.automation.remote.RemoteCommand;
import dev.opsuite.common.error.ApiException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Declared parameters (name, type string|int|bool|enum|secret, required, regex, choices, default)
 * and the values a run gives them: every failure is a 422 naming the parameter.
 */
public final class ParameterRules {
    static final Set<String> TYPES = Set.of("string", "int", "bool", "enum", "secret");
    static final int MAX_VALUE = 64 * 1024;

    private ParameterRules() {}

    public static List<ScriptParameter> validateDeclarations(List<ScriptParameter> declared) {
        if (declared == null) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        for (ScriptParameter p : declared) {
            if (p == null
                    || p.name() == null
                    || !RemoteCommand.ENV_NAME.matcher(p.name()).matches()) {
                throw ApiException.badRequest(
                        "validation_failed",
                        "parameter names must be environment variable names ([A-Za-z_][A-Za-z0-9_]*)");
            }
            if (!names.add(p.name())) {
                throw ApiException.badRequest("validation_failed", "parameter " + p.name() + " is declared twice");
            }
            if (!TYPES.contains(p.typeOrDefault())) {
                throw ApiException.badRequest(
                        "validation_failed", "parameter " + p.name() + ": type must be one of " + TYPES);
            }
            if ("enum".equals(p.typeOrDefault())
                    && (p.choices() == null || p.choices().isEmpty())) {
                throw ApiException.badRequest("validation_failed", "parameter " + p.name() + ": enum needs choices");
            }
            if (p.regex() != null) {
                try {
                    Pattern.compile(p.regex());
                } catch (PatternSyntaxException e) {
                    throw ApiException.badRequest(
                            "validation_failed", "parameter " + p.name() + ": regex does not compile");
                }
            }
            if (p.defaultValue() != null) {
                check(p, p.defaultValue());
            }
        }
        return declared;
    }

    /**
     * The environment of a run: declared defaults, then the given values (declared ones checked against
     * their type; undeclared ones allowed when their names are valid and their values are text).
     */
    public static Map<String, String> resolve(List<ScriptParameter> declared, Map<String, Object> given) {
        Map<String, Object> values = given == null ? Map.of() : given;
        Map<String, ScriptParameter> byName = new LinkedHashMap<>();
        if (declared != null) {
            declared.forEach(p -> byName.put(p.name(), p));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (ScriptParameter p : byName.values()) {
            Object raw = values.get(p.name());
            if (raw == null) {
                if (p.defaultValue() != null) {
                    env.put(p.name(), p.defaultValue());
                } else if (Boolean.TRUE.equals(p.required())) {
                    throw ApiException.unprocessable("invalid_parameter", "parameter " + p.name() + " is required");
                }
                continue;
            }
            String text = text(p, raw);
            check(p, text);
            env.put(p.name(), text);
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (byName.containsKey(e.getKey())) {
                continue;
            }
            if (!RemoteCommand.ENV_NAME.matcher(e.getKey()).matches()) {
                throw ApiException.unprocessable(
                        "invalid_parameter",
                        "parameter name " + clip(e.getKey())
                                + " is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
            }
            if (!(e.getValue() instanceof String s)) {
                throw ApiException.unprocessable("invalid_parameter", "parameter " + e.getKey() + " must be a string");
            }
            if (s.length() > MAX_VALUE) {
                throw ApiException.unprocessable("invalid_parameter", "parameter " + e.getKey() + " is too long");
            }
            env.put(e.getKey(), s);
        }
        return env;
    }

    /** Values of secret parameters, to mask in output and history. */
    public static List<String> secrets(List<ScriptParameter> declared, Map<String, String> env) {
        if (declared == null) {
            return List.of();
        }
        return declared.stream()
                .filter(ScriptParameter::isSecret)
                .map(p -> env.get(p.name()))
                .filter(v -> v != null)
                .toList();
    }

    private static String text(ScriptParameter p, Object raw) {
        return switch (p.typeOrDefault()) {
            case "int" ->
                raw instanceof Number n && !(raw instanceof Double || raw instanceof Float)
                        ? n.toString()
                        : raw instanceof String s ? s : fail(p, "must be an integer");
            case "bool" ->
                raw instanceof Boolean b
                        ? b.toString()
                        : raw instanceof String s ? s : fail(p, "must be true or false");
            default -> raw instanceof String s ? s : fail(p, "must be a string");
        };
    }

    private static void check(ScriptParameter p, String value) {
        if (value.length() > MAX_VALUE) {
            fail(p, "is too long");
        }
        switch (p.typeOrDefault()) {
            case "int" -> {
                try {
                    new BigInteger(value);
                } catch (NumberFormatException e) {
                    fail(p, "must be an integer, got '" + clip(value) + "'");
                }
            }
            case "bool" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    fail(p, "must be true or false, got '" + clip(value) + "'");
                }
            }
            case "enum" -> {
                if (!p.choices().contains(value)) {
                    fail(p, "must be one of " + p.choices());
                }
            }
            default -> {}
        }
        if (p.regex() != null && !Pattern.compile(p.regex()).matcher(value).matches()) {
            fail(p, p.isSecret() ? "does not match " + p.regex() : "'" + clip(value) + "' does not match " + p.regex());
        }
    }

    private static String fail(ScriptParameter p, String why) {
        throw ApiException.unprocessable("invalid_parameter", "parameter " + p.name() + " " + why);
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
